using System.Security.Cryptography;
using AuthEvents.Core.LoginGov;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// The keys and secrets the simulated providers and the dashboard share in demo mode, generated at every start and
/// kept only in memory: the service provider's RSA key that Login.gov SETs are encrypted to, Login.gov's ES256 signing
/// key, the two API tokens, Entrust's webhook token and FusionAuth's HMAC signing secret. None is ever written or logged.
/// </summary>
public sealed class DemoCredentials : IDisposable
{
    public DemoCredentials()
    {
        LoginGovEncryptionKey = RSA.Create(2048);
        LoginGovSigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        LoginGovToken = NewSecret();
        OnePasswordToken = NewSecret();
        EntrustWebhookToken = NewSecret();
        FusionAuthSigningSecret = NewSecret();
    }

    /// <summary>The simulated agency's service-provider issuer: the bearer header's first part and every SET's <c>aud</c>.</summary>
    public static string LoginGovIssuer { get; } = new DemoTrafficOptions().LoginGovAudience;

    /// <summary>The service provider's key pair; Login.gov encrypts to its public half, the importer decrypts with it.</summary>
    public RSA LoginGovEncryptionKey { get; }

    /// <summary>The simulated Login.gov's SET-signing key, published as a JWKS at <c>/api/attempts-certs</c>.</summary>
    public ECDsa LoginGovSigningKey { get; }

    public string LoginGovToken { get; }

    public string OnePasswordToken { get; }

    public string EntrustWebhookToken { get; }

    public string FusionAuthSigningSecret { get; }

    /// <summary>A key ring over a copy of the private key, for the importer (which owns and disposes it).</summary>
    public LoginGovKeyRing CreateLoginGovKeyRing() => LoginGovKeyRing.FromPem([LoginGovEncryptionKey.ExportPkcs8PrivateKeyPem()]);

    public void Dispose()
    {
        LoginGovEncryptionKey.Dispose();
        LoginGovSigningKey.Dispose();
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
