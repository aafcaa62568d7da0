using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuthEvents.Ingest.Sources.FusionAuth;

/// <summary>
/// The checks a FusionAuth webhook body passes after its signature, and what is kept of it: FusionAuth sends the whole
/// user profile, and only <see cref="KeptUserFields"/> of <c>event.user</c> are stored.
/// </summary>
public static class FusionAuthWebhookBody
{
    /// <summary>The only members of <c>event.user</c> that are kept.</summary>
    public static readonly IReadOnlySet<string> KeptUserFields = new HashSet<string>(StringComparer.Ordinal) { "id", "email", "active", "verified", "twoFactorEnabled", "tenantId" };

    // DateTimeOffset's range in Unix milliseconds: anything outside is not a time FusionAuth could have sent.
    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// Checks the envelope (an event id, and a <c>createInstant</c> within <paramref name="freshnessWindow"/> of
    /// <paramref name="now"/>) and returns the body with <c>event.user</c> reduced to <see cref="KeptUserFields"/>, or
    /// an error that never quotes the body.
    /// </summary>
    public static (string? Body, string? Error) Minimize(string text, DateTimeOffset now, TimeSpan freshnessWindow)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return (null, $"Malformed JSON: invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}");
        }

        if (root is not JsonObject envelope || envelope["event"] is not JsonObject e)
        {
            return (null, "Malformed event: the body must be {\"event\": {...}}");
        }

        if (e["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
        {
            return (null, "Malformed event: missing required field 'event.id'");
        }

        if (e["createInstant"] is not JsonValue instant || !instant.TryGetValue<long>(out var millis) || millis < MinMillis || millis > MaxMillis)
        {
            return (null, "Malformed event: 'event.createInstant' must be epoch milliseconds");
        }

        var created = DateTimeOffset.FromUnixTimeMilliseconds(millis);
        if ((now - created).Duration() > freshnessWindow)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"Stale event: createInstant is {(now - created).TotalMinutes:F0} minutes from now, outside the {freshnessWindow.TotalMinutes:F0}-minute freshness window"));
        }

        if (e["user"] is JsonObject user)
        {
            foreach (var name in user.Select(p => p.Key).Where(k => !KeptUserFields.Contains(k)).ToList())
            {
                user.Remove(name);
            }
        }

        return (envelope.ToJsonString(), null);
    }
}
