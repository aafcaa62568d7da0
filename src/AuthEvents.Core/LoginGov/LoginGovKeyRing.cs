using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// The service provider's RSA private keys for Login.gov Attempts API JWEs, indexed by key id. Login.gov names the key it
/// encrypted to in the JWE header <c>kid</c>: the lowercase hex SHA-256 of the PKCS#1 <c>RSAPublicKey</c> DER (ruby-jwt's
/// default key digest). Loading the old and the new key during a rotation lets every SET pick its own.
/// </summary>
/// <remarks>Owns the <see cref="RSA"/> instances it hands out through <see cref="TryGet"/>; dispose the ring, not the keys.</remarks>
public sealed class LoginGovKeyRing : IDisposable
{
    private readonly Dictionary<string, RSA> _keys;
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<string> _kids;
    private bool _disposed;

    private LoginGovKeyRing(Dictionary<string, RSA> keys, List<string> kids)
    {
        _keys = keys;
        _kids = kids.AsReadOnly();
    }

    /// <summary>The key ids of the loaded keys, in load order.</summary>
    public IReadOnlyList<string> Kids => _kids;

    /// <summary>How many distinct keys are loaded.</summary>
    public int Count => _kids.Count;

    /// <summary>
    /// Loads RSA private keys from PEM texts. Each text may hold several blocks; <c>PRIVATE KEY</c> (PKCS#8) and
    /// <c>RSA PRIVATE KEY</c> (PKCS#1) blocks are loaded, other blocks such as certificates are skipped. A key listed twice
    /// is loaded once.
    /// </summary>
    /// <exception cref="ArgumentException">No texts were given, a text holds no RSA private key, or a block is not a valid
    /// unencrypted RSA private key. The message names the text and block by position, never their content.</exception>
    public static LoginGovKeyRing FromPem(IEnumerable<string> pems)
    {
        ArgumentNullException.ThrowIfNull(pems);
        var keys = new Dictionary<string, RSA>(StringComparer.OrdinalIgnoreCase);
        var kids = new List<string>();
        try
        {
            var textIndex = 0;
            foreach (var pem in pems)
            {
                textIndex++;
                if (LoadText(pem, textIndex, keys, kids) == 0)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"PEM text {textIndex} holds no unencrypted RSA private key."),
                        nameof(pems));
                }
            }

            if (kids.Count == 0)
            {
                throw new ArgumentException("At least one RSA private key is required.", nameof(pems));
            }

            return new LoginGovKeyRing(keys, kids);
        }
        catch
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Computes the Login.gov key id of an RSA key: lowercase hex SHA-256 of <see cref="RSA.ExportRSAPublicKey"/>
    /// (the PKCS#1 <c>RSAPublicKey</c> DER). Only the public part is used.
    /// </summary>
    public static string ComputeKid(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportRSAPublicKey()));
    }

    /// <summary>Computes the Login.gov key id of the single RSA key, public or private, in a PEM text.</summary>
    /// <exception cref="ArgumentException">The text holds no RSA key, or more than one.</exception>
    /// <exception cref="CryptographicException">The key in the text is malformed or not RSA.</exception>
    public static string ComputeKidFromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return ComputeKid(rsa);
    }

    /// <summary>Finds the private key with key id <paramref name="kid"/> (hex, case-insensitive).</summary>
    public bool TryGet(string kid, [NotNullWhen(true)] out RSA? key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        key = null;
        return kid is not null && _keys.TryGetValue(kid, out key);
    }

    /// <summary>Disposes every loaded key.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    private static int LoadText(string pem, int textIndex, Dictionary<string, RSA> keys, List<string> kids)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return 0;
        }

        var loaded = 0;
        foreach (var (blockIndex, label, der) in PemBlocks.Read(pem))
        {
            var isPkcs8 = label == "PRIVATE KEY";
            if (!isPkcs8 && label != "RSA PRIVATE KEY")
            {
                if (label == "ENCRYPTED PRIVATE KEY")
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"PEM text {textIndex}, block {blockIndex}: encrypted private keys are not supported; store the key unencrypted in a secret store."),
                        nameof(pem));
                }

                continue;
            }

            var rsa = RSA.Create();
            try
            {
                if (der is null)
                {
                    throw new CryptographicException();
                }

                if (isPkcs8)
                {
                    rsa.ImportPkcs8PrivateKey(der, out _);
                }
                else
                {
                    rsa.ImportRSAPrivateKey(der, out _);
                }
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"PEM text {textIndex}, block {blockIndex} is not a valid RSA private key."),
                    nameof(pem));
            }
            finally
            {
                if (der is not null)
                {
                    CryptographicOperations.ZeroMemory(der);
                }
            }

            loaded++;
            var kid = ComputeKid(rsa);
            if (keys.TryAdd(kid, rsa))
            {
                kids.Add(kid);
            }
            else
            {
                rsa.Dispose();
            }
        }

        return loaded;
    }
}
