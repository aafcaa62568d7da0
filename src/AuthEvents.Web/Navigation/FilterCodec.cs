using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Search;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Navigation;

/// <summary>How a reader treats a value it does not know.</summary>
public enum CodecMode
{
    /// <summary>Pages: a bad value is dropped and the rest of the link still opens (a hand-edited or old link).</summary>
    Lenient,

    /// <summary><c>/api/events</c> and the hub: the first bad value is an error naming what was expected, never ignored.</summary>
    Strict,
}

/// <summary>
/// The one reader and writer of the event-selection vocabulary shared by the pages' URLs, <c>/api/events</c> and the
/// hub: <c>source</c>, <c>type</c>, <c>milestone</c>, <c>outcome</c>, <c>reason</c> (canonical), <c>reasonField</c>,
/// <c>reasonCode</c>, <c>authenticator</c>, <c>person</c>, <c>session</c>, <c>ip</c>, <c>country</c> and <c>q</c>, plus
/// absolute <c>from</c>/<c>to</c> bounds. List keys repeat or take comma-separated values. Error messages name the key
/// and the values expected; they quote a value only where it was one of a closed set's candidates.
/// </summary>
public static class FilterCodec
{
    /// <summary>Reads the selection (everything but the time bounds) into a store query whose bounds are unset.</summary>
    public static bool TryReadSelection(IReadOnlyDictionary<string, StringValues> query, CodecMode mode, out EventQuery selection, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        selection = EventQuery.All;
        error = null;
        StringValues Get(string key) => query.TryGetValue(key, out var v) ? v : StringValues.Empty;

        var sources = new List<EventSource>();
        foreach (var value in Values(Get("source")))
        {
            if (TryParseSource(value, out var source))
            {
                sources.Add(source);
            }
            else if (mode == CodecMode.Strict)
            {
                error = $"unknown source '{value}' (expected one of {string.Join(", ", Enum.GetNames<EventSource>())})";
                return false;
            }
        }

        var outcomes = new List<Outcome>();
        foreach (var value in Values(Get("outcome")))
        {
            if (OutcomeNames.TryParse(value, out var outcome))
            {
                outcomes.Add(outcome);
            }
            else if (mode == CodecMode.Strict)
            {
                error = $"unknown outcome '{value}' (expected one of success, failure, rate-limited, info)";
                return false;
            }
        }

        var reasons = new List<string>();
        foreach (var value in Values(Get("reason")))
        {
            if (CanonicalReasons.All.Contains(value, StringComparer.Ordinal))
            {
                reasons.Add(value);
            }
            else if (mode == CodecMode.Strict)
            {
                error = $"unknown reason '{value}' (expected one of {string.Join(", ", CanonicalReasons.All)})";
                return false;
            }
        }

        var text = OneValue(Get("q"));
        if (text is { Length: > EventQuery.MaxTextLength })
        {
            if (mode == CodecMode.Strict)
            {
                error = $"'q' is longer than {EventQuery.MaxTextLength} characters";
                return false;
            }

            text = text[..EventQuery.MaxTextLength];
        }

        // A one-character word would match the start of nearly every token: refused here, ignored by the pages (with a hint).
        if (mode == CodecMode.Strict && SearchTerms.Parse(text).TooShort is { Count: > 0 } tooShort)
        {
            error = $"'q' has words of one character ({string.Join(' ', tooShort)}): each word must have at least {SearchTerms.MinWordLength} characters, "
                + "and matches the start of a value or of a part of it after punctuation";
            return false;
        }

        selection = new EventQuery
        {
            Sources = sources.Distinct().ToList(),
            EventTypes = Values(Get("type")).ToList(),
            Milestones = Values(Get("milestone")).ToList(),
            Outcomes = outcomes.Distinct().ToList(),
            Reasons = reasons,
            ReasonField = OneValue(Get("reasonField")),
            ReasonCode = OneValue(Get("reasonCode")),
            Authenticators = Values(Get("authenticator")).ToList(),
            PersonKey = OneValue(Get("person")),
            SessionKey = OneValue(Get("session")),
            Ip = OneValue(Get("ip")),
            Countries = Values(Get("country")).ToList(),
            Text = text,
        };
        return true;
    }

    /// <summary>
    /// Reads absolute <c>from</c>/<c>to</c> bounds (ISO 8601; without an offset, UTC), each within <see cref="RangeLimits"/>.
    /// Lenient: an unreadable, out-of-range or inverted pair reads as no bounds. Strict: each is an error naming the parameter.
    /// Either bound may be left out; the span is not limited (an export may cover everything).
    /// </summary>
    public static bool TryReadBounds(IReadOnlyDictionary<string, StringValues> query, CodecMode mode, out DateTimeOffset? from, out DateTimeOffset? to, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        from = to = null;
        error = null;
        foreach (var name in (string[])["from", "to"])
        {
            var text = OneValue(query.TryGetValue(name, out var v) ? v : StringValues.Empty);
            if (text is null)
            {
                continue;
            }

            if (!TryParseTime(text, out var time))
            {
                if (mode == CodecMode.Strict)
                {
                    error = $"'{name}' is not an ISO 8601 date and time";
                    return false;
                }

                from = to = null;
                return true;
            }

            if (!RangeLimits.Contains(time))
            {
                if (mode == CodecMode.Strict)
                {
                    error = RangeLimits.OutOfRange(name);
                    return false;
                }

                from = to = null;
                return true;
            }

            if (name == "from")
            {
                from = time;
            }
            else
            {
                to = time;
            }
        }

        if (from is { } f && to is { } t && f >= t)
        {
            if (mode == CodecMode.Strict)
            {
                error = "'from' must be earlier than 'to'";
                return false;
            }

            from = to = null;
        }

        return true;
    }

    /// <summary>Writes the selection's keys, in one fixed order, leaving out what is unset; <see cref="EventQuery.From"/> and <c>To</c> are not written.</summary>
    public static void WriteSelection(ICollection<(string Key, string Value)> parts, EventQuery selection)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(selection);
        foreach (var source in selection.Sources)
        {
            parts.Add(("source", source.ToString()));
        }

        AddAll(parts, "type", selection.EventTypes.Concat(selection.EventType is { } one ? [one] : []).Distinct(StringComparer.Ordinal));
        AddAll(parts, "milestone", selection.Milestones);
        AddAll(parts, "outcome", selection.Outcomes.Select(OutcomeNames.Of));
        AddAll(parts, "reason", selection.Reasons);
        Add(parts, "reasonField", selection.ReasonField);
        Add(parts, "reasonCode", selection.ReasonCode);
        AddAll(parts, "authenticator", selection.Authenticators);
        Add(parts, "person", selection.PersonKey);
        Add(parts, "session", selection.SessionKey);
        Add(parts, "ip", selection.Ip);
        AddAll(parts, "country", selection.Countries);
        Add(parts, "q", selection.Text);
    }

    /// <summary>A source as the URL spells it (the enum name, any case; never a number).</summary>
    public static bool TryParseSource(string? text, out EventSource source)
    {
        source = default;
        return !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-' && text[0] != '+'
            && Enum.TryParse(text, ignoreCase: true, out source) && Enum.IsDefined(source);
    }

    /// <summary>A URL time: ISO 8601, UTC when it has no offset.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>A URL time as written: UTC to the second.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A list key's values: repeated keys and comma-separated values, trimmed, empty ones and repeats dropped.</summary>
    public static IEnumerable<string> Values(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal);

    /// <summary>A single-valued key: its first value, trimmed; null when absent or blank.</summary>
    public static string? OneValue(StringValues values) =>
        values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();

    private static void Add(ICollection<(string, string)> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add((key, value));
        }
    }

    private static void AddAll(ICollection<(string, string)> parts, string key, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            parts.Add((key, value));
        }
    }
}
