using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuthEvents.Tests.LoginGov;

/// <summary>The shared synthetic reference vectors (docs/protocols/reference-vectors.md, "Login.gov"), copied under Fixtures/LoginGov/vectors/.</summary>
internal static class LoginGovVectors
{
    public const string UnsignedJti = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
    public const string SignedJti = "2c8e7ade-ccfe-4c3e-8c6e-bc9e0cce5cfe";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "LoginGov", "vectors", name));

    public static string PrivateKeyPem => Read("logingov_sp_private_key.pem");

    public static string PublicKeyPem => Read("logingov_sp_public_key.pem");

    public static string TransmitterPublicKeyPem => Read("logingov_transmitter_es256_public_key.pem");

    /// <summary>The <c>sets</c> map of the poll response: jti to JWE.</summary>
    public static IReadOnlyDictionary<string, string> Sets()
    {
        using var document = JsonDocument.Parse(Read("logingov_poll_response.json"));
        return document.RootElement.GetProperty("sets").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The decrypted example whose <c>jti</c> is <paramref name="jti"/>.</summary>
    public static JsonNode Example(string jti) =>
        JsonNode.Parse(Read("logingov_decrypted_set_examples.json"))!.AsArray().Single(set => (string?)set!["jti"] == jti)!;

    /// <summary>The kid stated in logingov_README.txt (<c>JWE kid = …</c>).</summary>
    public static string ReadmeKid()
    {
        const string Marker = "JWE kid = ";
        var line = Read("logingov_README.txt").Split('\n').Single(l => l.StartsWith(Marker, StringComparison.Ordinal));
        return line[Marker.Length..].Trim();
    }
}
