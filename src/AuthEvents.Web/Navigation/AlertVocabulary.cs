using System.Globalization;
using System.Text;
using AuthEvents.Core.Alerts;
using AuthEvents.Web.Components.Pages.Alerts;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// The words <c>/api/alerts</c> and the hub read and write for alerts: rule ids, severities (<c>low</c> … <c>critical</c>)
/// and statuses (<c>open</c>, <c>acknowledged</c>, <c>resolved</c>, <c>false-positive</c>) as the /alerts page's URLs
/// spell them, and lower-case hyphenated names for the other enums (<c>idv-check</c>, <c>auto-resolved</c>). The readers
/// are strict: the first unknown word is an error naming it and the words expected, never silently dropped.
/// </summary>
public static class AlertVocabulary
{
    public static bool TryReadRules(IEnumerable<string> values, out HashSet<string> rules, out string? error) =>
        TryRead(values, "rule", AlertRuleIds.All, id => id, out rules, out error);

    public static bool TryReadSeverities(IEnumerable<string> values, out HashSet<AlertSeverity> severities, out string? error) =>
        TryRead(values, "severity", AlertLabels.SeverityKeys, AlertLabels.SeverityOf, out severities, out error);

    public static bool TryReadStatuses(IEnumerable<string> values, out HashSet<AlertStatus> statuses, out string? error) =>
        TryRead(values, "status", AlertLabels.StatusKeys, AlertLabels.StatusOf, out statuses, out error);

    public static string Severity(AlertSeverity severity) => AlertLabels.SeverityKey(severity);

    public static string Status(AlertStatus status) => AlertLabels.StatusKey(status);

    /// <summary>An enum value in lower case with hyphens between its words (<c>IdvCheck</c> → <c>idv-check</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static bool TryRead<T>(IEnumerable<string> values, string what, IReadOnlyList<string> known, Func<string, T> of, out HashSet<T> read, out string? error)
    {
        ArgumentNullException.ThrowIfNull(values);
        read = [];
        error = null;
        foreach (var value in values)
        {
            var word = known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase));
            if (word is null)
            {
                error = $"unknown {what} '{value}' (expected one of {string.Join(", ", known)})";
                read = [];
                return false;
            }

            read.Add(of(word));
        }

        return true;
    }
}
