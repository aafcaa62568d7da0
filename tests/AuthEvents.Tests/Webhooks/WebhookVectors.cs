using System.Text;
using System.Text.Json;

namespace AuthEvents.Tests.Webhooks;

/// <summary>
/// The synthetic reference vectors (docs/protocols/reference-vectors.md, "Entrust" and "FusionAuth"), copied under Fixtures/Webhooks/ so the tests
/// run against the bytes the signature rules were checked with.
/// </summary>
internal static class WebhookVectors
{
    public static EntrustVector Entrust { get; } = LoadEntrust();

    public static FusionAuthVector FusionAuth { get; } = LoadFusionAuth();

    private static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Webhooks", name)));
        return document.RootElement.Clone();
    }

    private static EntrustVector LoadEntrust()
    {
        var root = Load("entrust_rfc9421_illustrative.json");
        var headers = root.GetProperty("headers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        return new EntrustVector(
            root.GetProperty("webhook_token").GetString()!,
            root.GetProperty("target_uri").GetString()!,
            Encoding.UTF8.GetBytes(root.GetProperty("raw_body").GetString()!),
            headers,
            root.GetProperty("signature_base").GetString()!);
    }

    private static FusionAuthVector LoadFusionAuth()
    {
        var root = Load("fusionauth_signed_webhook.json");
        return new FusionAuthVector(
            root.GetProperty("hmac_secret_utf8").GetString()!,
            Encoding.UTF8.GetBytes(root.GetProperty("raw_body").GetString()!),
            root.GetProperty("X-FusionAuth-Signature-JWT").GetString()!,
            root.GetProperty("expected_request_body_sha256").GetString()!);
    }
}

internal sealed record EntrustVector(string Token, string TargetUri, byte[] Body, IReadOnlyDictionary<string, string> Headers, string SignatureBase)
{
    // The vector's created parameter.
    public const long Created = 1764619804;

    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(Created).AddSeconds(30);
}

internal sealed record FusionAuthVector(string Secret, byte[] Body, string Jwt, string ExpectedBodyHash);
