using AuthEvents.Store.Alerts;
using AuthEvents.Web.Navigation;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// Reads an <see cref="AlertFilter"/> from <c>/api/alerts</c>' URL parameters, strictly: <c>rule</c>, <c>severity</c> and
/// <c>status</c> (repeated or comma-separated; <c>status=all</c> is every status, as on the page), <c>assignee</c>
/// (<c>me</c>, <c>none</c> or a user's subject) and absolute <c>from</c>/<c>to</c> on last seen, read like
/// <c>/api/events</c>' bounds. The first bad value is an error naming its parameter.
/// </summary>
public static class AlertQueryParameters
{
    /// <summary>The longest <c>assignee</c> accepted (the page's limit too).</summary>
    public const int MaxAssigneeLength = 200;

    public static bool TryParse(IQueryCollection parameters, string me, out AlertFilter filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        filter = AlertFilter.All;
        var values = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        StringValues Get(string key) => values.TryGetValue(key, out var v) ? v : StringValues.Empty;

        var statusWords = FilterCodec.Values(Get("status")).ToList();
        var allStatuses = statusWords.Any(w => string.Equals(w, "all", StringComparison.OrdinalIgnoreCase));
        if (!FilterCodec.TryReadBounds(values, CodecMode.Strict, out var from, out var to, out error)
            || !AlertVocabulary.TryReadRules(FilterCodec.Values(Get("rule")), out var rules, out error)
            || !AlertVocabulary.TryReadSeverities(FilterCodec.Values(Get("severity")), out var severities, out error)
            || !AlertVocabulary.TryReadStatuses(allStatuses ? [] : statusWords, out var statuses, out error))
        {
            return false;
        }

        var assignees = Get("assignee").Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (assignees.Count > 1)
        {
            error = "'assignee' takes one value (me, none or a user's subject)";
            return false;
        }

        var assignee = assignees.SingleOrDefault();
        if (assignee is { Length: > MaxAssigneeLength })
        {
            error = $"'assignee' is longer than {MaxAssigneeLength} characters";
            return false;
        }

        filter = new AlertFilter
        {
            Rules = rules,
            Severities = severities,
            Statuses = statuses,
            Assignee = assignee switch
            {
                null => null,
                "me" => me,
                "none" => AlertFilter.Unassigned,
                var subject => subject,
            },
            From = from,
            To = to,
        };
        return true;
    }
}
