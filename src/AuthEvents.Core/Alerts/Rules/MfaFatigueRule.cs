namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>mfa-fatigue</c>: at least <see cref="AlertRuleSettings.Threshold"/> MFA prompts
/// (<see cref="AlertSignals.IsMfaPrompt"/>) for one person with no more than the window between the first and the last,
/// whatever the providers. Keyed by the person.
/// </summary>
public sealed class MfaFatigueRule : IPersonRule
{
    private readonly MfaFatigueSettings _settings;

    /// <summary>Builds the rule.</summary>
    public MfaFatigueRule(MfaFatigueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.MfaFatigue;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => AlertKeyKind.Person;

    /// <inheritdoc />
    public TimeSpan Before => _settings.Window;

    /// <inheritdoc />
    public TimeSpan After => _settings.Window;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => AlertSignals.IsMfaPrompt(e);

    /// <inheritdoc />
    public bool Reads(AlertInput e) => AlertSignals.IsMfaPrompt(e);

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Person;
    }

    /// <inheritdoc />
    public IReadOnlyList<AlertDecision> Decide(PersonWindow window, IReadOnlyList<AlertInput> history)
    {
        ArgumentNullException.ThrowIfNull(window);
        var prompts = AlertInputOrder.Sorted(window.Events.Where(Reads));
        var n = prompts.Count;
        var newUpTo = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            newUpTo[i + 1] = newUpTo[i] + (window.NewIds.Contains(prompts[i].EventId) ? 1 : 0);
        }

        // Every burst lies within the longest run starting at its first prompt, so those runs are all there is to judge.
        var inBurst = new int[n + 1];
        var peak = 0;
        var end = 0;
        for (var start = 0; start < n; start++)
        {
            end = Math.Max(end, start);
            while (end + 1 < n && prompts[end + 1].OccurredAt - prompts[start].OccurredAt <= _settings.Window)
            {
                end++;
            }

            var count = end - start + 1;
            if (count >= _settings.Threshold && newUpTo[end + 1] > newUpTo[start])
            {
                peak = Math.Max(peak, count);
                inBurst[start]++;
                inBurst[end + 1]--;
            }
        }

        if (peak == 0)
        {
            return [];
        }

        var evidence = new List<AlertInput>();
        for (int i = 0, depth = 0; i < n; i++)
        {
            depth += inBurst[i];
            if (depth > 0)
            {
                evidence.Add(prompts[i]);
            }
        }

        var sources = AlertInputOrder.Sources(evidence);
        var label = evidence.Select(e => e.PersonLabel).FirstOrDefault(l => l is not null);
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["prompts"] = peak,
            ["providers"] = AlertText.ProviderNames(sources),
            ["threshold"] = _settings.Threshold,
            ["window"] = AlertText.Window(_settings.Window),
        };
        var summary = AlertText.Invariant(
            $"{peak} MFA prompts for {AlertText.Person(label)} within {AlertText.Duration(_settings.Window)} at {AlertText.Providers(sources)}");
        return
        [
            new AlertDecision(Id, window.Person, KeyKind, _settings.Severity, evidence[0].OccurredAt, evidence[^1].OccurredAt, summary, figures,
                evidence.Select(e => new AlertEvidence(e.EventId, e.OccurredAt)).ToList()) { Label = label },
        ];
    }
}
