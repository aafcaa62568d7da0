using System.Text.Json;

namespace AuthEvents.Ingest.Sources.Entrust;

/// <summary>The check an Entrust webhook body passes after its signature, before it is stored.</summary>
public static class EntrustWebhookBody
{
    /// <summary>A JSON object, or false with a reason that never quotes the body.</summary>
    public static bool IsJsonObject(string text, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            error = document.RootElement.ValueKind == JsonValueKind.Object ? null : "the body is not a JSON object";
        }
        catch (JsonException ex)
        {
            error = $"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}";
        }

        return error is null;
    }
}
