using System.Buffers.Text;

namespace AuthEvents.Core.LoginGov;

/// <summary>Strict base64url (RFC 7515 §2): the URL-safe alphabet only, no padding, no whitespace.</summary>
internal static class Base64UrlText
{
    internal static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>Decodes <paramref name="text"/>; false when it holds anything but the URL-safe alphabet or is not canonical.</summary>
    internal static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];

        // Base64Url.DecodeFromChars tolerates padding and whitespace; JOSE compact serialization allows neither.
        if (text.Length % 4 == 1 || !IsAlphabet(text))
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            // Non-zero trailing bits.
            return false;
        }
    }

    internal static bool IsAlphabet(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
