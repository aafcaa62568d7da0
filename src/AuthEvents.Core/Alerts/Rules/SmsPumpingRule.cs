namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>sms-pumping</c>: phone code sends (<see cref="AlertSignals.IsPhoneCodeSend"/>) and telephony rate limits
/// (<see cref="AlertSignals.IsTelephonyRateLimit"/>) from one address (or one tenant) that, within the window, reach
/// <see cref="AlertRuleSettings.Threshold"/> distinct numbers, or <see cref="SmsPumpingSettings.Countries"/> distinct
/// phone regions, or <see cref="SmsPumpingSettings.RateLimits"/> rate limits. Resends to one number are not pumping.
/// </summary>
public sealed class SmsPumpingRule : ICounterRule
{
    private readonly SmsPumpingSettings _settings;

    /// <summary>Builds the rule.</summary>
    public SmsPumpingRule(SmsPumpingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.SmsPumping;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => _settings.KeyBy == SmsPumpingKey.Source ? AlertKeyKind.Source : AlertKeyKind.Ip;

    /// <inheritdoc />
    public TimeSpan Window => _settings.Window;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => AlertSignals.IsPhoneCodeSend(e) || AlertSignals.IsTelephonyRateLimit(e);

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_settings.KeyBy == SmsPumpingKey.Source)
        {
            return string.IsNullOrEmpty(e.Tenant) ? e.Source.ToString() : e.Source + "/" + e.Tenant;
        }

        return string.IsNullOrWhiteSpace(e.Ip) ? null : e.Ip.Trim();
    }

    /// <inheritdoc />
    public IEnumerable<string> Observe(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        yield return CounterMembers.Source + e.Source;
        if (AlertSignals.IsTelephonyRateLimit(e))
        {
            yield return CounterMembers.RateLimit;
            yield break;
        }

        if (e.PhoneHash is not null)
        {
            yield return CounterMembers.Phone + e.PhoneHash;
        }

        if (e.PhoneRegion is not null)
        {
            yield return CounterMembers.PhoneRegion + e.PhoneRegion;
        }
    }

    /// <inheritdoc />
    public AlertDecision? Decide(CounterWindow window, IReadOnlyList<AlertInput> evidence)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(evidence);
        var numbers = window.Distinct(CounterMembers.Phone);
        var regions = window.Members(CounterMembers.PhoneRegion).Select(m => m.Member).ToArray();
        var rateLimits = window.Total(CounterMembers.RateLimit);
        var met = new List<string>();
        if (numbers >= _settings.Threshold)
        {
            met.Add("numbers");
        }

        if (regions.Length >= _settings.Countries)
        {
            met.Add("regions");
        }

        if (rateLimits >= _settings.RateLimits)
        {
            met.Add("rateLimits");
        }

        if (met.Count == 0)
        {
            return null;
        }

        var sources = window.Sources();
        var attempts = window.Total(CounterMembers.Source);
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["numbers"] = numbers,
            ["regions"] = regions,
            ["rateLimits"] = rateLimits,
            ["sends"] = attempts - rateLimits,
            ["met"] = met.ToArray(),
            ["providers"] = AlertText.ProviderNames(sources),
            ["threshold"] = _settings.Threshold,
            ["countries"] = _settings.Countries,
            ["rateLimitThreshold"] = _settings.RateLimits,
            ["window"] = AlertText.Window(_settings.Window),
        };
        var summary = AlertText.Invariant(
            $"{attempts - rateLimits} phone codes to {numbers} numbers in {regions.Length} regions and {rateLimits} telephony rate limits from {window.Key} within {AlertText.Duration(_settings.Window)} at {AlertText.Providers(sources)}");
        return new AlertDecision(Id, window.Key, KeyKind, _settings.Severity, window.From, window.To, summary, figures,
            evidence.Select(e => new AlertEvidence(e.EventId, e.OccurredAt)).ToList());
    }
}
