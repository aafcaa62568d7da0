using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// Reads an <see cref="EventQuery"/> from URL parameters: <c>from</c>, <c>to</c> (ISO 8601; without an offset, UTC),
/// <c>source</c>, <c>type</c>, <c>milestone</c>, <c>outcome</c>, <c>reason</c> (canonical), <c>country</c>,
/// <c>authenticator</c> (repeatable or comma-separated), <c>reasonField</c> and <c>reasonCode</c> (the provider's raw
/// failure field and code), <c>person</c>, <c>session</c>, <c>ip</c> and <c>q</c> (free text). Unknown sources,
/// outcomes or canonical reasons are an error, never silently ignored.
/// </summary>
public static class EventQueryParameters
{
    public static bool TryParse(IQueryCollection parameters, out EventQuery query, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        query = EventQuery.All;
        error = null;
        if (!TryTime(parameters["from"], "from", out var from, ref error) || !TryTime(parameters["to"], "to", out var to, ref error))
        {
            return false;
        }

        if (from is { } f && to is { } t && f >= t)
        {
            error = "'from' must be earlier than 'to'";
            return false;
        }

        var sources = new List<EventSource>();
        foreach (var value in Values(parameters["source"]))
        {
            if (!Enum.TryParse<EventSource>(value, ignoreCase: true, out var source) || !Enum.IsDefined(source) || int.TryParse(value, CultureInfo.InvariantCulture, out _))
            {
                error = $"unknown source '{value}' (expected one of {string.Join(", ", Enum.GetNames<EventSource>())})";
                return false;
            }

            sources.Add(source);
        }

        var outcomes = new List<Outcome>();
        foreach (var value in Values(parameters["outcome"]))
        {
            var normalized = value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (!Enum.TryParse<Outcome>(normalized, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome) || int.TryParse(value, CultureInfo.InvariantCulture, out _))
            {
                error = $"unknown outcome '{value}' (expected one of success, failure, rate-limited, info)";
                return false;
            }

            outcomes.Add(outcome);
        }

        var reasons = Values(parameters["reason"]).ToList();
        if (reasons.FirstOrDefault(r => !CanonicalReasons.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            error = $"unknown reason '{unknown}' (expected one of {string.Join(", ", CanonicalReasons.All)})";
            return false;
        }

        var text = Single(parameters["q"]);
        if (text is { Length: > EventQuery.MaxTextLength })
        {
            error = $"'q' is longer than {EventQuery.MaxTextLength} characters";
            return false;
        }

        query = new EventQuery
        {
            From = from,
            To = to,
            Sources = sources,
            Outcomes = outcomes,
            Milestones = Values(parameters["milestone"]).ToList(),
            EventTypes = Values(parameters["type"]).ToList(),
            Reasons = reasons,
            ReasonField = Single(parameters["reasonField"]),
            ReasonCode = Single(parameters["reasonCode"]),
            Countries = Values(parameters["country"]).ToList(),
            Authenticators = Values(parameters["authenticator"]).ToList(),
            PersonKey = Single(parameters["person"]),
            SessionKey = Single(parameters["session"]),
            Ip = Single(parameters["ip"]),
            Text = text,
        };
        return true;
    }

    private static IEnumerable<string> Values(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal);

    private static string? Single(StringValues values) => values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();

    private static bool TryTime(StringValues values, string name, out DateTimeOffset? time, ref string? error)
    {
        time = null;
        var text = Single(values);
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        error = $"'{name}' is not an ISO 8601 date and time";
        return false;
    }
}
