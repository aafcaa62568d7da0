using AuthEvents.Core.Events;

namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>idv-fraud-spike</c>: identity-verification fraud-check or document failures in an hour far above the same hour of
/// the week in recent weeks. Keyed <see cref="FraudCheck"/> or <see cref="Document"/>. The current hour is compared as it
/// goes, with the baseline scaled to the part of the hour that has passed, so a spike is raised within minutes.
/// </summary>
public sealed class IdvFraudSpikeRule : IScheduledRule
{
    /// <summary>Fraud and device-risk check failures.</summary>
    public const string FraudCheck = "fraud-check";

    /// <summary>Document verification failures and rate limits, and failed document uploads.</summary>
    public const string Document = "document";

    /// <summary>A spike must be less likely than this under the baseline (Poisson).</summary>
    public const double MaxTail = 1e-3;

    private readonly IdvFraudSpikeSettings _settings;

    /// <summary>Builds the rule.</summary>
    public IdvFraudSpikeRule(IdvFraudSpikeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.IdvFraudSpike;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => AlertKeyKind.IdvCheck;

    /// <inheritdoc />
    public TimeSpan BaselineMin => _settings.BaselineMin;

    /// <summary>The keys, in the order they are judged.</summary>
    public static IReadOnlyList<string> Keys { get; } = [FraudCheck, Document];

    /// <summary>The key a milestone and outcome count under; null when neither.</summary>
    public static string? KeyOf(string milestone, Outcome outcome) => milestone switch
    {
        Milestones.IdvFraudCheck or Milestones.IdvDeviceRisk when outcome == Outcome.Failure => FraudCheck,
        Milestones.IdvDocument when outcome is Outcome.Failure or Outcome.RateLimited => Document,
        // A rate limit at the upload step is the telephony limit of sending the upload link, not a document failure.
        Milestones.IdvDocumentUpload when outcome == Outcome.Failure => Document,
        _ => null,
    };

    /// <inheritdoc />
    public bool Matches(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return KeyOf(e.Milestone, e.Outcome) is not null;
    }

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return KeyOf(e.Milestone, e.Outcome);
    }

    /// <summary>The decision for one key's hour against the same hour of earlier weeks, or null.</summary>
    /// <param name="key">The key.</param>
    /// <param name="hour">The hour (the current one as far as it has gone, or the previous one).</param>
    /// <param name="weeks">The same hour of each of the previous <see cref="IdvFraudSpikeSettings.BaselineWeeks"/> weeks.</param>
    /// <param name="historyReady">True when the store holds <see cref="BaselineMin"/> of history before the hour.</param>
    public AlertDecision? Decide(string key, HourFigures hour, IReadOnlyList<HourFigures> weeks, bool historyReady)
    {
        ArgumentNullException.ThrowIfNull(hour);
        ArgumentNullException.ThrowIfNull(weeks);
        var known = weeks.Where(w => w.HasData).ToList();
        if (!historyReady || known.Count < 2 || hour.Count < _settings.Threshold)
        {
            return null;
        }

        var baseline = known.Average(w => (double)w.Count);
        var expected = Math.Max(1, baseline) * Math.Clamp(hour.Elapsed, 1.0 / 60, 1);
        var tail = PoissonTail.AtLeast(hour.Count, expected);
        if (hour.Count < _settings.Factor * expected || tail >= MaxTail)
        {
            return null;
        }

        var what = key == FraudCheck ? "fraud-check" : "document";
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["failures"] = hour.Count,
            ["hour"] = hour.Hour.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["baseline"] = Math.Round(baseline, 2),
            ["expected"] = Math.Round(expected, 2),
            ["baselineWeeks"] = known.Count,
            ["factor"] = _settings.Factor,
            ["threshold"] = _settings.Threshold,
            ["tail"] = tail,
        };
        var summary = AlertText.Invariant(
            $"{hour.Count} {what} failures in the hour from {hour.Hour:HH:mm} UTC, against {baseline:0.#} in that hour of the last {known.Count} weeks");
        return new AlertDecision(Id, key, KeyKind, _settings.Severity, hour.Hour, hour.Hour + TimeSpan.FromHours(1), summary, figures, []);
    }
}
