using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// The certificate that encrypts ASP.NET data-protection keys at rest (section <c>DataProtection:Certificate</c>). When
/// <see cref="Path"/> is empty the keys are encrypted under the store's payload key instead (<see cref="PayloadKeyXmlEncryptor"/>).
/// </summary>
public sealed class KeyCertificateOptions
{
    public const string SectionName = "DataProtection:Certificate";

    /// <summary>A PKCS#12 (.pfx) file holding the certificate and its private key; relative paths are under the content root.</summary>
    public string? Path { get; set; }

    /// <summary>The file's password, if it has one. From the environment or user secrets, never a committed file.</summary>
    public string? Password { get; set; }

    /// <summary>The certificate, with its private key (needed to read the keys back); a clear error at start-up otherwise.</summary>
    public X509Certificate2 Load(string contentRoot)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, Path ?? ""));
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, Password);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"{SectionName}:Path: {path} could not be read as a PKCS#12 file with that password ({ex.GetType().Name}).", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{SectionName}:Path: {path} holds no private key, without which the data-protection keys cannot be read back.");
        }

        return certificate;
    }
}
