using System.Net;

namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>credential-stuffing</c>: at least <see cref="AlertRuleSettings.Threshold"/> distinct people failing the password
/// step (<see cref="AlertSignals.IsPasswordFailure"/>) from one address within the window, counted across providers.
/// Keyed by the address, or its network with <see cref="CredentialStuffingSettings.GroupBySubnet"/>. An event without a
/// person counts as an attempt, not a person.
/// </summary>
public sealed class CredentialStuffingRule : ICounterRule
{
    private readonly CredentialStuffingSettings _settings;
    private readonly IReadOnlyList<IPNetwork> _ignored;

    /// <summary>Builds the rule.</summary>
    /// <exception cref="ArgumentException">An entry of <see cref="CredentialStuffingSettings.IgnoreIps"/> is not an address or network.</exception>
    public CredentialStuffingRule(CredentialStuffingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _ignored = IpKeys.ParseNetworks(settings.IgnoreIps, "IgnoreIps");
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.CredentialStuffing;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => _settings.GroupBySubnet ? AlertKeyKind.Subnet : AlertKeyKind.Ip;

    /// <inheritdoc />
    public TimeSpan Window => _settings.Window;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => AlertSignals.IsPasswordFailure(e);

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return IpKeys.KeyOf(e.Ip, _ignored, _settings.GroupBySubnet);
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
        var people = window.Distinct(CounterMembers.Person);
        if (people < _settings.Threshold)
        {
            return null;
        }

        var attempts = window.Total(CounterMembers.Source);
        var sources = window.Sources();
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["people"] = people,
            ["attempts"] = attempts,
            ["providers"] = AlertText.ProviderNames(sources),
            ["threshold"] = _settings.Threshold,
            ["window"] = AlertText.Window(_settings.Window),
        };
        var summary = AlertText.Invariant(
            $"{people} people failed the password step from {window.Key} within {AlertText.Duration(_settings.Window)} at {AlertText.Providers(sources)}");
        return new AlertDecision(Id, window.Key, KeyKind, _settings.Severity, window.From, window.To, summary, figures,
            evidence.Select(e => new AlertEvidence(e.EventId, e.OccurredAt)).ToList());
    }
}
