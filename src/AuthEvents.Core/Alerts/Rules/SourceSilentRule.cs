using AuthEvents.Core.Events;

namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>source-silent</c>: a provider that normally delivers at least <see cref="AlertRuleSettings.Threshold"/> events per
/// window (its mean for this hour of the day over the last two weeks) has delivered nothing for the window. Keyed by
/// source; the alert resolves itself when the source delivers again.
/// </summary>
public sealed class SourceSilentRule : IScheduledRule
{
    /// <summary>How many days of the same hour make the expected rate.</summary>
    public const int BaselineDays = 14;

    private readonly SourceSilentSettings _settings;

    /// <summary>Builds the rule.</summary>
    public SourceSilentRule(SourceSilentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.SourceSilent;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => AlertKeyKind.Source;

    /// <inheritdoc />
    public TimeSpan BaselineMin => _settings.BaselineMin;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => false;

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Source.ToString();
    }

    /// <summary>The decision for one source, or null.</summary>
    /// <param name="source">The source.</param>
    /// <param name="lastDelivery">When it last delivered an event (receipt time).</param>
    /// <param name="now">Now.</param>
    /// <param name="meanPerHour">Its mean events per hour at this hour of the day over the last <see cref="BaselineDays"/> days.</param>
    /// <param name="historyReady">True when the store holds <see cref="BaselineMin"/> of history.</param>
    public AlertDecision? Decide(EventSource source, DateTimeOffset lastDelivery, DateTimeOffset now, double meanPerHour, bool historyReady)
    {
        var expected = meanPerHour * _settings.Window.TotalHours;
        var silent = now - lastDelivery;
        if (!historyReady || expected < _settings.Threshold || silent < _settings.Window)
        {
            return null;
        }

        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["lastDelivery"] = lastDelivery.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["silentFor"] = AlertText.Window(silent),
            ["expectedPerWindow"] = Math.Round(expected, 1),
            ["threshold"] = _settings.Threshold,
            ["window"] = AlertText.Window(_settings.Window),
        };
        var summary = AlertText.Invariant(
            $"{source} has delivered nothing for {AlertText.Duration(silent)}; it usually delivers about {expected:0} events in {AlertText.Duration(_settings.Window)} at this hour");
        return new AlertDecision(Id, source.ToString(), KeyKind, _settings.Severity, lastDelivery, now, summary, figures, []);
    }
}
