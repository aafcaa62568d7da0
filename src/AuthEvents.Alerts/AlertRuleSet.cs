using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Journeys;
using Microsoft.Extensions.Configuration;

namespace AuthEvents.Alerts;

/// <summary>
/// The rules this node evaluates, built from <c>Alerts:Rules:&lt;id&gt;</c> over each rule's defaults. Unknown settings
/// and invalid values are errors at start, not silently ignored: a mistyped threshold must not leave a rule at its default.
/// </summary>
public sealed class AlertRuleSet
{
    private AlertRuleSet(IReadOnlyList<IAlertRule> enabled, IReadOnlyList<string> disabled, IReadOnlyList<string> errors, PersonFlagOptions personFlags)
    {
        PersonFlags = personFlags;
        Enabled = enabled;
        Disabled = disabled;
        Errors = errors;
    }

    /// <summary>The rules that run, in <see cref="AlertRuleIds.All"/> order.</summary>
    public IReadOnlyList<IAlertRule> Enabled { get; }

    /// <summary>The ids of rules switched off in settings.</summary>
    public IReadOnlyList<string> Disabled { get; }

    /// <summary>
    /// The impossible-travel settings as the person page's flags: the page and the rule judge a trip alike, whether or
    /// not the rule is enabled.
    /// </summary>
    public PersonFlagOptions PersonFlags { get; }

    /// <summary>What is wrong with the settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Reads the rules from the <c>Alerts</c> section.</summary>
    public static AlertRuleSet From(IConfiguration alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var rules = alerts.GetSection("Rules");
        var errors = new List<string>();
        foreach (var child in rules.GetChildren())
        {
            if (!AlertRuleIds.IsKnown(child.Key))
            {
                errors.Add($"Alerts:Rules:{child.Key} is not a rule. The rules are: {string.Join(", ", AlertRuleIds.All)}.");
            }
        }

        var enabled = new List<IAlertRule>();
        var disabled = new List<string>();
        Add<CredentialStuffingSettings>(AlertRuleIds.CredentialStuffing, s => new CredentialStuffingRule(s), counter: true);
        Add<PasswordSpraySettings>(AlertRuleIds.PasswordSpray, s => new PasswordSprayRule(s), counter: true);
        Add<SmsPumpingSettings>(AlertRuleIds.SmsPumping, s => new SmsPumpingRule(s), counter: true);
        Add<MfaFatigueSettings>(AlertRuleIds.MfaFatigue, s => new MfaFatigueRule(s), counter: false);
        Add<ImpossibleTravelSettings>(AlertRuleIds.ImpossibleTravel, s => new ImpossibleTravelRule(s), counter: false);
        Add<AccountTakeoverChainSettings>(AlertRuleIds.AccountTakeoverChain, s => new AccountTakeoverChainRule(s), counter: false);
        Add<IdvFraudSpikeSettings>(AlertRuleIds.IdvFraudSpike, s => new IdvFraudSpikeRule(s), counter: false);
        Add<FailureRateAnomalySettings>(AlertRuleIds.FailureRateAnomaly, s => new FailureRateAnomalyRule(s), counter: false);
        Add<SourceSilentSettings>(AlertRuleIds.SourceSilent, s => new SourceSilentRule(s), counter: false);
        var travel = Bound<ImpossibleTravelSettings>(AlertRuleIds.ImpossibleTravel) ?? new ImpossibleTravelSettings();
        return new AlertRuleSet(enabled, disabled, errors, new PersonFlagOptions { MaxSpeedKmh = travel.MaxSpeedKmh, MinDistanceKm = travel.MinDistanceKm });

        T? Bound<T>(string id)
            where T : AlertRuleSettings, new()
        {
            try
            {
                return rules.GetSection(id).Get<T>(o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        void Add<T>(string id, Func<T, IAlertRule> build, bool counter)
            where T : AlertRuleSettings, new()
        {
            T settings;
            try
            {
                settings = rules.GetSection(id).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"Alerts:Rules:{id}: {e.Message}");
                return;
            }

            var before = errors.Count;
            Check(id, settings, counter, errors);
            if (errors.Count > before)
            {
                return;
            }

            if (!settings.Enabled)
            {
                disabled.Add(id);
                return;
            }

            try
            {
                enabled.Add(build(settings));
            }
            catch (ArgumentException e)
            {
                errors.Add($"Alerts:Rules:{id}: {e.Message}");
            }
        }
    }

    private static void Check(string id, AlertRuleSettings settings, bool counter, List<string> errors)
    {
        if (settings.Threshold < 1)
        {
            errors.Add($"Alerts:Rules:{id}:Threshold must be at least 1.");
        }

        if (settings.Window < TimeSpan.FromMinutes(1) || settings.Window > TimeSpan.FromDays(31))
        {
            errors.Add($"Alerts:Rules:{id}:Window must be between 00:01:00 and 31.00:00:00.");
        }
        else if (counter && settings.Window.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add($"Alerts:Rules:{id}:Window must be whole minutes (counts are kept per minute).");
        }

        if (!Enum.IsDefined(settings.Severity))
        {
            errors.Add($"Alerts:Rules:{id}:Severity must be one of {string.Join(", ", Enum.GetNames<AlertSeverity>())}.");
        }

        switch (settings)
        {
            case PasswordSpraySettings { MaxAttemptsPerPerson: < 1 }:
                errors.Add($"Alerts:Rules:{id}:MaxAttemptsPerPerson must be at least 1.");
                break;
            case SmsPumpingSettings { Countries: < 1 } or SmsPumpingSettings { RateLimits: < 1 }:
                errors.Add($"Alerts:Rules:{id}: Countries and RateLimits must be at least 1.");
                break;
            case ImpossibleTravelSettings travel when !(travel.MaxSpeedKmh > 0) || !(travel.MinDistanceKm >= 0):
                errors.Add($"Alerts:Rules:{id}: MaxSpeedKmh must be above 0 and MinDistanceKm at least 0.");
                break;
            case AccountTakeoverChainSettings { Threshold: not (2 or 3) }:
                errors.Add($"Alerts:Rules:{id}:Threshold is the number of steps required: 2 (recovery and MFA change) or 3 (and a sign-in from something new).");
                break;
            case AccountTakeoverChainSettings { NoveltyLookback: var lookback } when lookback < TimeSpan.FromDays(1) || lookback > TimeSpan.FromDays(400):
                errors.Add($"Alerts:Rules:{id}:NoveltyLookback must be between 1.00:00:00 and 400.00:00:00.");
                break;
            case IdvFraudSpikeSettings idv when idv.Window != TimeSpan.FromHours(1) || !(idv.Factor >= 1) || idv.BaselineWeeks is < 2 or > 12 || idv.BaselineMin < TimeSpan.Zero:
                errors.Add($"Alerts:Rules:{id}: Window must be 01:00:00 (the rule reads hourly counts), Factor at least 1, BaselineWeeks 2 to 12 and BaselineMin not negative.");
                break;
            case FailureRateAnomalySettings rate when rate.Window != TimeSpan.FromHours(1) || !(rate.Factor >= 1) || !(rate.Sigmas > 0) || rate.BaselineWeeks is < 2 or > 12 || rate.BaselineMin < TimeSpan.Zero:
                errors.Add($"Alerts:Rules:{id}: Window must be 01:00:00 (the rule reads hourly counts), Factor at least 1, Sigmas above 0, BaselineWeeks 2 to 12 and BaselineMin not negative.");
                break;
            case SourceSilentSettings silent when silent.BaselineMin < TimeSpan.Zero:
                errors.Add($"Alerts:Rules:{id}:BaselineMin must not be negative.");
                break;
        }
    }
}
