using System.Security.Cryptography;

namespace AuthEvents.Core.LoginGov;

/// <summary>One PEM block: its 1-based position in the text, its label, and its decoded bytes (null when the base64 is bad).</summary>
internal readonly record struct PemBlock(int Index, string Label, byte[]? Der);

/// <summary>Walks the PEM blocks of a text in order; the callers decide which labels they take.</summary>
internal static class PemBlocks
{
    /// <summary>
    /// Every block in <paramref name="pem"/>. Decoded bytes belong to the caller, which zeroes them when they hold a
    /// private key.
    /// </summary>
    internal static IEnumerable<PemBlock> Read(string pem)
    {
        var index = 0;
        var offset = 0;
        while (offset < pem.Length && PemEncoding.TryFind(pem.AsSpan(offset), out var fields))
        {
            index++;
            var block = pem.AsMemory(offset);
            var label = block.Span[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            var decoded = Convert.TryFromBase64Chars(block.Span[fields.Base64Data], der, out var written);
            offset += fields.Location.End.Value;
            if (decoded && written != der.Length)
            {
                var exact = der[..written];
                CryptographicOperations.ZeroMemory(der);
                der = exact;
            }

            yield return new PemBlock(index, label, decoded ? der : null);
        }
    }
}
