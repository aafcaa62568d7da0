using AuthEvents.Core.Events;

namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>failure-rate-anomaly</c>: a milestone's failure rate in an hour far above its rate in the same hour of the week over
/// recent weeks, by a factor and by a z-score, with enough attempts to mean something. Keyed by milestone, or
/// <c>milestone@Source</c> with <see cref="FailureRateAnomalySettings.PerSource"/>.
/// </summary>
public sealed class FailureRateAnomalyRule : IScheduledRule
{
    /// <summary>The lowest baseline rate used, so a milestone that never failed does not fire on its first failures.</summary>
    public const double MinBaselineRate = 0.01;

    private readonly FailureRateAnomalySettings _settings;

    /// <summary>Builds the rule.</summary>
    public FailureRateAnomalyRule(FailureRateAnomalySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.FailureRateAnomaly;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => AlertKeyKind.Milestone;

    /// <inheritdoc />
    public TimeSpan BaselineMin => _settings.BaselineMin;

    /// <summary>The key of a milestone at a source; null for milestones without a meaningful rate (other, admin changes).</summary>
    public string? KeyOf(string milestone, EventSource source) =>
        milestone is Milestones.Other or Milestones.AccountAdmin ? null : _settings.PerSource ? milestone + "@" + source : milestone;

    /// <summary>True for an outcome that is an attempt (Info is not).</summary>
    public static bool IsAttempt(Outcome outcome) => outcome is Outcome.Success or Outcome.Failure or Outcome.RateLimited;

    /// <summary>True for an outcome that counts as failed.</summary>
    public static bool IsFailure(Outcome outcome) => outcome is Outcome.Failure or Outcome.RateLimited;

    /// <inheritdoc />
    public bool Matches(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return IsFailure(e.Outcome) && KeyOf(e.Milestone, e.Source) is not null;
    }

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return KeyOf(e.Milestone, e.Source);
    }

    /// <summary>The decision for one key's hour (failures in <see cref="HourFigures.Count"/> of <see cref="HourFigures.Attempts"/>), or null.</summary>
    /// <param name="key">The key.</param>
    /// <param name="hour">The hour as far as it has gone.</param>
    /// <param name="weeks">The same hour of each of the previous <see cref="FailureRateAnomalySettings.BaselineWeeks"/> weeks.</param>
    /// <param name="historyReady">True when the store holds <see cref="BaselineMin"/> of history before the hour.</param>
    public AlertDecision? Decide(string key, HourFigures hour, IReadOnlyList<HourFigures> weeks, bool historyReady)
    {
        ArgumentNullException.ThrowIfNull(hour);
        ArgumentNullException.ThrowIfNull(weeks);
        var known = weeks.Where(w => w.HasData && w.Attempts > 0).ToList();
        if (!historyReady || known.Count < 2 || hour.Attempts < _settings.Threshold)
        {
            return null;
        }

        var baseline = Math.Max(MinBaselineRate, known.Sum(w => (double)w.Count) / known.Sum(w => (double)w.Attempts));
        var rate = (double)hour.Count / hour.Attempts;
        var z = (rate - baseline) / Math.Sqrt(baseline * (1 - baseline) / hour.Attempts);
        if (rate < _settings.Factor * baseline || z < _settings.Sigmas)
        {
            return null;
        }

        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["failures"] = hour.Count,
            ["attempts"] = hour.Attempts,
            ["rate"] = Math.Round(rate, 4),
            ["baselineRate"] = Math.Round(baseline, 4),
            ["z"] = Math.Round(z, 2),
            ["hour"] = hour.Hour.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["baselineWeeks"] = known.Count,
            ["factor"] = _settings.Factor,
            ["sigmas"] = _settings.Sigmas,
            ["threshold"] = _settings.Threshold,
        };
        var summary = AlertText.Invariant(
            $"{key}: {rate:P0} of {hour.Attempts} attempts failed in the hour from {hour.Hour:HH:mm} UTC, against {baseline:P1} in that hour of the last {known.Count} weeks");
        return new AlertDecision(Id, key, KeyKind, _settings.Severity, hour.Hour, hour.Hour + TimeSpan.FromHours(1), summary, figures, []);
    }
}
