namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>password-spray</c>: at least <see cref="AlertRuleSettings.Threshold"/> people who each failed the password step
/// at most <see cref="PasswordSpraySettings.MaxAttemptsPerPerson"/> times from one address within the window: few
/// attempts each, many accounts, slowly. A fast burst also meets <see cref="CredentialStuffingRule"/>, whose open alert
/// for the address keeps this one from opening (<see cref="SuppressedBy"/>).
/// </summary>
public sealed class PasswordSprayRule : ICounterRule
{
    private readonly PasswordSpraySettings _settings;

    /// <summary>Builds the rule.</summary>
    public PasswordSprayRule(PasswordSpraySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.PasswordSpray;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => AlertKeyKind.Ip;

    /// <inheritdoc />
    public string? SuppressedBy => AlertRuleIds.CredentialStuffing;

    /// <inheritdoc />
    public TimeSpan Window => _settings.Window;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => AlertSignals.IsPasswordFailure(e);

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.IsNullOrWhiteSpace(e.Ip) ? null : e.Ip.Trim();
    }

    /// <inheritdoc />
    public IEnumerable<string> Observe(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Person is not null)
        {
            yield return CounterMembers.Person + e.Person;
        }

        yield return CounterMembers.Source + e.Source;
    }

    /// <inheritdoc />
    public AlertDecision? Decide(CounterWindow window, IReadOnlyList<AlertInput> evidence)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(evidence);
        var people = window.Members(CounterMembers.Person).ToList();
        var sprayed = people.Count(p => p.Count <= _settings.MaxAttemptsPerPerson);
        if (sprayed < _settings.Threshold)
        {
            return null;
        }

        var sources = window.Sources();
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["people"] = sprayed,
            ["allPeople"] = people.Count,
            ["attempts"] = window.Total(CounterMembers.Source),
            ["providers"] = AlertText.ProviderNames(sources),
            ["maxAttemptsPerPerson"] = _settings.MaxAttemptsPerPerson,
            ["threshold"] = _settings.Threshold,
            ["window"] = AlertText.Window(_settings.Window),
        };
        var summary = AlertText.Invariant(
            $"{sprayed} people failed the password step at most {_settings.MaxAttemptsPerPerson} times each from {window.Key} within {AlertText.Duration(_settings.Window)} at {AlertText.Providers(sources)}");
        return new AlertDecision(Id, window.Key, KeyKind, _settings.Severity, window.From, window.To, summary, figures,
            evidence.Select(e => new AlertEvidence(e.EventId, e.OccurredAt)).ToList());
    }
}
