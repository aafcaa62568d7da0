using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;

namespace AuthEvents.Core.Normalization;

/// <summary>
/// The frame every normalizer runs in: checks the record's source, parses the payload as a JSON object, and turns
/// anything unreadable into a rejection, so that no input makes a normalizer throw.
/// </summary>
internal static class NormalizerRunner
{
    /// <summary>Normalizes <paramref name="record"/> with <paramref name="normalize"/>, which sees the parsed root object.</summary>
    internal static NormalizationResult Run(EventSource source, RawRecord record, Func<JsonElement, NormalizationResult> normalize)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Source != source)
        {
            return NormalizationResult.Rejected("record source '" + record.Source + "' does not match normalizer source '" + source + "'");
        }

        using var document = JsonFields.ParseObject(record.Payload, out var error);
        if (document is null)
        {
            return NormalizationResult.Rejected(error!);
        }

        try
        {
            return normalize(document.RootElement);
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString refuses escaped lone surrogates.
            return NormalizationResult.Rejected("payload holds a string that is not valid text");
        }
    }

    /// <summary>Reads the dedupe key with <paramref name="read"/>; null for anything unreadable.</summary>
    internal static InboxKey? ReadKey(string payload, Func<JsonElement, InboxKey?> read)
    {
        using var document = JsonFields.ParseObject(payload, out _);
        if (document is null)
        {
            return null;
        }

        try
        {
            return read(document.RootElement);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Converts the received time to UTC (the canonical event holds UTC times only).</summary>
    internal static DateTimeOffset Utc(DateTimeOffset time) => time.ToUniversalTime();
}
