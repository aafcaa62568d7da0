using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AuthEvents.Alerts;

/// <summary>
/// One webhook attempt's body and headers: the stored payload with its delivery id and send time added, signed with
/// HMAC-SHA256 over the exact body bytes. The send time is in the body (so it is signed) and in a header.
/// </summary>
public sealed record AlertWebhookMessage(byte[] Body, string Signature, long SentAt, string DeliveryId, string Event)
{
    public const string SignatureHeader = "X-AuthEvents-Signature";
    public const string TimestampHeader = "X-AuthEvents-Timestamp";
    public const string DeliveryHeader = "X-AuthEvents-Delivery";
    public const string EventHeader = "X-AuthEvents-Event";

    /// <summary>Builds the attempt for <paramref name="payloadJson"/> at <paramref name="now"/>.</summary>
    public static AlertWebhookMessage Create(string payloadJson, string deliveryId, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var payload = JsonNode.Parse(payloadJson)!.AsObject();
        var sentAt = now.ToUnixTimeSeconds();
        var body = new JsonObject { ["deliveryId"] = deliveryId, ["sentAt"] = sentAt };
        foreach (var (name, value) in payload.ToList())
        {
            payload.Remove(name);
            body[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return new AlertWebhookMessage(bytes, Sign(secret, bytes), sentAt, deliveryId, "alert." + (body["change"]?.GetValue<string>() ?? "changed"));
    }

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The receiver's check: the signature in constant time.</summary>
    public static bool Verify(string secret, byte[] body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature));
}
