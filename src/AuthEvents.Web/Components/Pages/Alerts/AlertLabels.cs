using System.Globalization;
using System.Text.Json;
using AuthEvents.Core.Alerts;
using AuthEvents.Store.Alerts;
using MudBlazor;

namespace AuthEvents.Web.Components.Pages.Alerts;

/// <summary>How alerts read on the page: rule names, severity and status words and colours, and figures in words.</summary>
public static class AlertLabels
{
    /// <summary>The status words used in URLs, in list order.</summary>
    public static IReadOnlyList<string> StatusKeys { get; } = [.. Enum.GetValues<AlertStatus>().Select(StatusKey)];

    /// <summary>The severity words used in URLs, most severe first.</summary>
    public static IReadOnlyList<string> SeverityKeys { get; } = [.. Enum.GetValues<AlertSeverity>().OrderDescending().Select(SeverityKey)];

    public static string StatusKey(AlertStatus status) => AlertStore.StatusName(status);

    public static AlertStatus StatusOf(string key) => Enum.GetValues<AlertStatus>().First(s => StatusKey(s) == key);

    public static string SeverityKey(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static AlertSeverity SeverityOf(string key) => Enum.GetValues<AlertSeverity>().First(s => SeverityKey(s) == key);

    public static string Status(AlertStatus status) => status switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Acknowledged => "Acknowledged",
        AlertStatus.Resolved => "Resolved",
        AlertStatus.FalsePositive => "False positive",
        _ => status.ToString(),
    };

    public static string Rule(string ruleId) => ruleId switch
    {
        AlertRuleIds.CredentialStuffing => "Credential stuffing",
        AlertRuleIds.PasswordSpray => "Password spray",
        AlertRuleIds.MfaFatigue => "MFA fatigue",
        AlertRuleIds.SmsPumping => "SMS pumping",
        AlertRuleIds.ImpossibleTravel => "Impossible travel",
        AlertRuleIds.AccountTakeoverChain => "Account takeover chain",
        AlertRuleIds.IdvFraudSpike => "IdV fraud spike",
        AlertRuleIds.FailureRateAnomaly => "Failure-rate anomaly",
        AlertRuleIds.SourceSilent => "Source silent",
        _ => ruleId,
    };

    public static Color SeverityColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.High => Color.Warning,
        AlertSeverity.Medium => Color.Info,
        _ => Color.Default,
    };

    public static string KeyKind(AlertKeyKind kind) => kind switch
    {
        AlertKeyKind.Ip => "IP",
        AlertKeyKind.Subnet => "Subnet",
        AlertKeyKind.Person => "Person",
        AlertKeyKind.Source => "Provider",
        AlertKeyKind.Milestone => "Milestone",
        AlertKeyKind.IdvCheck => "IdV check",
        _ => kind.ToString(),
    };

    /// <summary>What the key shows as: a person's masked label, otherwise the key itself.</summary>
    public static string KeyText(AlertRow alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.KeyKind == AlertKeyKind.Person ? alert.KeyLabel ?? "a person" : alert.Key;
    }

    /// <summary>
    /// A rule's text with providers under their display names (rules name them by their ids, <c>LoginGov</c>); the
    /// text is still rendered as text, never markup.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var source in Enum.GetValues<AuthEvents.Core.Events.EventSource>())
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, $@"\b{source}\b", AuthEvents.Web.Hosting.SourceNames.Display(source));
        }

        return text;
    }

    /// <summary>A change in words.</summary>
    public static string Change(AlertHistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Change switch
        {
            AlertChange.Opened => "Opened",
            AlertChange.Acknowledged => "Acknowledged",
            AlertChange.Resolved => "Resolved",
            AlertChange.FalsePositive => "Marked false positive",
            AlertChange.Reopened => "Reopened",
            AlertChange.Assigned => row.Text is { Length: > 0 } name ? "Assigned to " + name : "Unassigned",
            AlertChange.Note => "Note",
            AlertChange.Escalated => "Escalated to " + row.Text,
            AlertChange.AutoResolved => "Resolved by the rule",
            _ => row.Change.ToString(),
        };
    }

    /// <summary>The rule's figures as label and value pairs, in the order the JSON holds them (numbers in invariant form).</summary>
    public static IReadOnlyList<(string Label, string Value)> Figures(string figuresJson)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(figuresJson) ? "{}" : figuresJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var figures = new List<(string, string)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.Array => string.Join(", ", property.Value.EnumerateArray().Select(v => v.ToString())),
                JsonValueKind.Number => property.Value.TryGetInt64(out var n) ? n.ToString("N0", CultureInfo.InvariantCulture) : property.Value.GetDouble().ToString("0.####", CultureInfo.InvariantCulture),
                JsonValueKind.String when TimeSpan.TryParseExact(property.Value.GetString(), "c", CultureInfo.InvariantCulture, out var span)
                    => AuthEvents.Web.Components.Controls.Journeys.JourneyFormat.Duration(span),
                _ => property.Value.ToString(),
            };
            if (value.Length > 0)
            {
                figures.Add((Words(property.Name), Text(value)));
            }
        }

        return figures;
    }

    private static string Words(string camel)
    {
        var text = string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
