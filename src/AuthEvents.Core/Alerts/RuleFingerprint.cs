using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AuthEvents.Core.Alerts;

/// <summary>
/// What a rule's stored state was made under: SHA-256 over its id, its <see cref="IAlertRule.LogicVersion"/> and every
/// setting that changes detection (all but <see cref="AlertRuleSettings.Enabled"/> and
/// <see cref="AlertRuleSettings.Severity"/>). A changed fingerprint at start makes the rule re-evaluate history.
/// </summary>
/// <remarks>
/// The settings are read by reflection so that a setting added later is covered without anyone remembering to. Lists
/// are compared as sets (trimmed, sorted), numbers and times in invariant form.
/// </remarks>
public static class RuleFingerprint
{
    /// <summary>The fingerprint of a rule as built.</summary>
    public static string Of(IAlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Of(rule.Id, rule.LogicVersion, rule.Settings);
    }

    /// <summary>The fingerprint of a rule id, logic version and settings; lowercase hex.</summary>
    public static string Of(string ruleId, int logicVersion, AlertRuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder()
            .Append(ruleId).Append('\n')
            .Append("logic=").Append(logicVersion.ToString(CultureInfo.InvariantCulture));
        var properties = settings.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && p.Name is not (nameof(AlertRuleSettings.Enabled) or nameof(AlertRuleSettings.Severity)))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            text.Append('\n').Append(property.Name).Append('=').Append(Format(property.GetValue(settings)));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format).Order(StringComparer.Ordinal)),
        _ => value.ToString() ?? "",
    };
}
