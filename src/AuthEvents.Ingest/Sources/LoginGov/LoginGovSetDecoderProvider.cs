using System.Security.Cryptography;
using AuthEvents.Core.LoginGov;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Hands out the host's current <see cref="SetDecoder"/>: audience = the configured issuer, issuer = BaseUrl's origin with
/// a trailing slash (docs/protocols/login-gov.md, "The SET"), and Login.gov's signing keys as last loaded. A new decoder is built when the
/// signing keys change. Owns the signing keys.
/// </summary>
public sealed class LoginGovSetDecoderProvider(LoginGovKeyRing keys, IOptions<LoginGovSourceOptions> options) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LoginGovSourceOptions _options = options.Value;

    // Replaced keys stay alive until the provider is disposed: a decode on another thread may still be using them.
    // Keys are replaced only when Login.gov's key set really changes, so this stays small.
    private readonly List<ECDsa> _retired = [];
    private IReadOnlyList<ECDsa> _signingKeys = [];
    private SetDecoder? _decoder;

    public SetDecoder Decoder
    {
        get
        {
            lock (_lock)
            {
                return _decoder ??= new SetDecoder(keys, new SetDecoderOptions
                {
                    ExpectedAudience = _options.Issuer ?? "",
                    ExpectedIssuer = NormalizeIssuer(_options.BaseUrl),
                    SigningKeys = _signingKeys,
                });
            }
        }
    }

    /// <summary>How many signing keys the current decoder verifies with.</summary>
    public int SigningKeyCount
    {
        get
        {
            lock (_lock)
            {
                return _signingKeys.Count;
            }
        }
    }

    /// <summary>Login.gov's SETs name the host as <c>iss</c> with a trailing slash: <c>https://secure.login.gov/</c>.</summary>
    public static string NormalizeIssuer(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new Uri(baseUrl, "/").AbsoluteUri;
    }

    /// <summary>
    /// Takes ownership of <paramref name="signingKeys"/> and verifies with them from the next <see cref="Decoder"/> on.
    /// Returns false, and disposes them, when they are the keys already in use.
    /// </summary>
    public bool UseSigningKeys(IReadOnlyList<ECDsa> signingKeys)
    {
        ArgumentNullException.ThrowIfNull(signingKeys);
        lock (_lock)
        {
            if (Fingerprint(signingKeys).SetEquals(Fingerprint(_signingKeys)))
            {
                foreach (var key in signingKeys)
                {
                    key.Dispose();
                }

                return false;
            }

            _retired.AddRange(_signingKeys);
            _signingKeys = signingKeys;
            _decoder = null;
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var key in _signingKeys.Concat(_retired))
            {
                key.Dispose();
            }

            _signingKeys = [];
            _retired.Clear();
        }
    }

    private static HashSet<string> Fingerprint(IReadOnlyList<ECDsa> keys) =>
        keys.Select(k => Convert.ToBase64String(k.ExportSubjectPublicKeyInfo())).ToHashSet(StringComparer.Ordinal);
}
