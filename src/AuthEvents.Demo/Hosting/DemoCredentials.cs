using System.Security.Cryptography;
using AuthEvents.Store;
using AuthEvents.Core.LoginGov;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// The keys and secrets the simulated providers and the dashboard share in demo mode: the service provider's RSA key that
/// Login.gov SETs are encrypted to, Login.gov's ES256 signing key, the two API tokens, Entrust's webhook token and
/// FusionAuth's HMAC signing secret. Generated on the first demo start and kept with the installation's other
/// <see cref="GeneratedSecrets"/>, so that what a stopped demo left in the inbox (SETs encrypted to its key) is read
/// after a restart. None is ever logged.
/// </summary>
public sealed class DemoCredentials : IDisposable
{
    public DemoCredentials(GeneratedSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        LoginGovEncryptionKey = RSA.Create();
        LoginGovEncryptionKey.ImportPkcs8PrivateKey(
            Convert.FromBase64String(secrets.GetOrAdd("Demo:LoginGovEncryptionKey", () => NewKey(RSA.Create(2048)))), out _);
        LoginGovSigningKey = ECDsa.Create();
        LoginGovSigningKey.ImportPkcs8PrivateKey(
            Convert.FromBase64String(secrets.GetOrAdd("Demo:LoginGovSigningKey", () => NewKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)))), out _);
        LoginGovToken = secrets.GetOrAdd("Demo:LoginGovToken", NewSecret);
        OnePasswordToken = secrets.GetOrAdd("Demo:OnePasswordToken", NewSecret);
        EntrustWebhookToken = secrets.GetOrAdd("Demo:EntrustWebhookToken", NewSecret);
        FusionAuthSigningSecret = secrets.GetOrAdd("Demo:FusionAuthSigningSecret", NewSecret);
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

    private static string NewKey(AsymmetricAlgorithm key)
    {
        using (key)
        {
            return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
        }
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
