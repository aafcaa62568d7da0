using System.Security.Cryptography;

namespace AuthEvents.Tests.LoginGov;

/// <summary>
/// Throwaway keys generated once per run and kept as PEM, so that every test builds (and disposes) its own key objects.
/// </summary>
internal static class TestLoginGovKeys
{
    public const string Audience = "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:example-app";

    public static readonly string RsaA = NewRsaPkcs8();
    public static readonly string RsaB = NewRsaPkcs8();
    public static readonly string RsaOther = NewRsaPkcs8();
    public static readonly string EcA = NewEcPkcs8(ECCurve.NamedCurves.nistP256);
    public static readonly string EcB = NewEcPkcs8(ECCurve.NamedCurves.nistP256);

    public static RSA Rsa(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    public static ECDsa Ec(string pem)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return ecdsa;
    }

    public static string PublicPem(string ecPem)
    {
        using var ecdsa = Ec(ecPem);
        return ecdsa.ExportSubjectPublicKeyInfoPem();
    }

    private static string NewRsaPkcs8()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string NewEcPkcs8(ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        return ecdsa.ExportPkcs8PrivateKeyPem();
    }
}
