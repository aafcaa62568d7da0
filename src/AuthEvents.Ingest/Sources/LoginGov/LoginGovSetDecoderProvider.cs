using System.Security.Cryptography;
using AuthEvents.Core.LoginGov;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Builds the host's one <see cref="SetDecoder"/> on first use: audience = the configured issuer, issuer = BaseUrl's
/// origin with a trailing slash (protocols §1.11), and Login.gov's signing keys when they were loaded at start.
/// Owns those signing keys.
/// </summary>
public sealed class LoginGovSetDecoderProvider(LoginGovKeyRing keys, IOptions<LoginGovSourceOptions> options) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LoginGovSourceOptions _options = options.Value;
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

    /// <summary>Login.gov's SETs name the host as <c>iss</c> with a trailing slash: <c>https://secure.login.gov/</c>.</summary>
    public static string NormalizeIssuer(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new Uri(baseUrl, "/").AbsoluteUri;
    }

    /// <summary>Takes ownership of <paramref name="signingKeys"/>; only before the decoder's first use.</summary>
    public void UseSigningKeys(IReadOnlyList<ECDsa> signingKeys)
    {
        ArgumentNullException.ThrowIfNull(signingKeys);
        lock (_lock)
        {
            if (_decoder is not null)
            {
                throw new InvalidOperationException("The SET decoder is already in use.");
            }

            DisposeSigningKeys();
            _signingKeys = signingKeys;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            DisposeSigningKeys();
        }
    }

    private void DisposeSigningKeys()
    {
        foreach (var key in _signingKeys)
        {
            key.Dispose();
        }

        _signingKeys = [];
    }
}
