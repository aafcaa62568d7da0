namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>account-takeover-chain</c>: for one journey person, whatever the providers, a recovery
/// (<see cref="AlertSignals.IsRecovery"/>, step 1), then an MFA change (<see cref="AlertSignals.IsMfaChange"/>, step 2),
/// then a sign-in from something new (<see cref="AlertSignals.IsSignIn"/>, step 3), with t1 ≤ t2 ≤ t3 and t3 − t1 no
/// longer than the window. <see cref="AlertRuleSettings.Threshold"/> 2 raises on steps 1 and 2 alone.
/// </summary>
/// <remarks>
/// A sign-in is new when the provider says so (a new-device sign-in), or when its device, or its country, or (with
/// neither, and <see cref="AccountTakeoverChainSettings.NewIpCounts"/>) its address was not in one of the person's
/// successful sign-ins during <see cref="AccountTakeoverChainSettings.NoveltyLookback"/> before step 1. Only earlier
/// sign-ins count as known: the attacker's own failed attempts before the chain must not make their place familiar,
/// and their reset may come from the same device as their sign-in.
/// </remarks>
public sealed class AccountTakeoverChainRule : IPersonRule
{
    private const int Recovery = 1;
    private const int MfaChange = 2;
    private const int SignIn = 3;

    private readonly AccountTakeoverChainSettings _settings;

    /// <summary>Builds the rule.</summary>
    public AccountTakeoverChainRule(AccountTakeoverChainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.AccountTakeoverChain;

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

    private bool NeedsSignIn => _settings.Threshold >= 3;

    /// <inheritdoc />
    public bool AttachesEveryMatch => false;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => StepOf(e) is not null;

    /// <inheritdoc />
    public bool Reads(AlertInput e) => StepOf(e) is not null;

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Person;
    }

    /// <inheritdoc />
    public DateTimeOffset? HistoryFrom(PersonWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (!NeedsSignIn)
        {
            return null;
        }

        var candidates = Candidates(window);
        return candidates.Count == 0 ? null : candidates.Min(c => c.Recovery.OccurredAt) - _settings.NoveltyLookback;
    }

    /// <inheritdoc />
    public IReadOnlyList<AlertDecision> Decide(PersonWindow window, IReadOnlyList<AlertInput> history)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(history);
        var chains = new List<(Chain Chain, string? NewBy)>();
        foreach (var chain in Candidates(window))
        {
            if (chain.SignIn is null)
            {
                chains.Add((chain, null));
            }
            else if (NewBy(chain, window.Events.Concat(history)) is { } newBy)
            {
                chains.Add((chain, newBy));
            }
        }

        if (chains.Count == 0)
        {
            return [];
        }

        var evidence = new Dictionary<long, AlertEvidence>();
        foreach (var (chain, _) in chains)
        {
            evidence.TryAdd(chain.Recovery.EventId, new AlertEvidence(chain.Recovery.EventId, chain.Recovery.OccurredAt, Recovery));
            evidence.TryAdd(chain.Change.EventId, new AlertEvidence(chain.Change.EventId, chain.Change.OccurredAt, MfaChange));
            if (chain.SignIn is { } signIn)
            {
                evidence.TryAdd(signIn.EventId, new AlertEvidence(signIn.EventId, signIn.OccurredAt, SignIn));
            }
        }

        var (first, firstNewBy) = chains[0];
        var steps = first.SignIn is null ? new[] { first.Recovery, first.Change } : [first.Recovery, first.Change, first.SignIn];
        var sources = AlertInputOrder.Sources(steps);
        var label = steps.Select(e => e.PersonLabel).FirstOrDefault(l => l is not null);
        var elapsed = steps[^1].OccurredAt - steps[0].OccurredAt;
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["steps"] = steps.Length,
            ["chains"] = chains.Count,
            ["stepProviders"] = steps.Select(e => e.Source.ToString()).ToArray(),
            ["providers"] = AlertText.ProviderNames(sources),
            ["elapsed"] = AlertText.Window(elapsed),
            ["threshold"] = _settings.Threshold,
            ["window"] = AlertText.Window(_settings.Window),
        };
        if (first.SignIn is { } s)
        {
            figures["newBy"] = firstNewBy!;
            figures["signInCountry"] = s.Country ?? "";
        }

        var ending = first.SignIn is { } last
            ? AlertText.Invariant($", sign-in from a new {firstNewBy} at {last.Source}")
            : "";
        var summary = AlertText.Invariant(
            $"Account takeover chain for {AlertText.Person(label)}: recovery at {first.Recovery.Source}, MFA change at {first.Change.Source}{ending}, within {AlertText.Duration(elapsed)}");
        var ordered = evidence.Values.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).ToList();
        return
        [
            new AlertDecision(Id, window.Person, KeyKind, _settings.Severity, ordered[0].OccurredAt, ordered[^1].OccurredAt, summary, figures, ordered)
            {
                Label = label,
            },
        ];
    }

    private static int? StepOf(AlertInput e) =>
        AlertSignals.IsRecovery(e) ? Recovery
        : AlertSignals.IsMfaChange(e) ? MfaChange
        : AlertSignals.IsSignIn(e) ? SignIn
        : null;

    /// <summary>Every ordered chain within the window that includes a new event; novelty not yet judged.</summary>
    private List<Chain> Candidates(PersonWindow window)
    {
        var events = AlertInputOrder.Sorted(window.Events.Where(Reads));
        var recoveries = events.Where(e => StepOf(e) == Recovery).ToList();
        var changes = events.Where(e => StepOf(e) == MfaChange).ToList();
        var signIns = NeedsSignIn ? events.Where(e => StepOf(e) == SignIn).ToList() : [];
        var chains = new List<Chain>();
        foreach (var recovery in recoveries)
        {
            foreach (var change in changes.Where(c => c.OccurredAt >= recovery.OccurredAt && c.OccurredAt - recovery.OccurredAt <= _settings.Window))
            {
                if (!NeedsSignIn)
                {
                    if (IsNew(window, recovery, change, null))
                    {
                        chains.Add(new Chain(recovery, change, null));
                    }

                    continue;
                }

                foreach (var signIn in signIns.Where(s => s.OccurredAt >= change.OccurredAt && s.OccurredAt - recovery.OccurredAt <= _settings.Window))
                {
                    if (IsNew(window, recovery, change, signIn))
                    {
                        chains.Add(new Chain(recovery, change, signIn));
                    }
                }
            }
        }

        return chains;
    }

    private static bool IsNew(PersonWindow window, AlertInput recovery, AlertInput change, AlertInput? signIn) =>
        window.NewIds.Contains(recovery.EventId) || window.NewIds.Contains(change.EventId)
        || (signIn is not null && window.NewIds.Contains(signIn.EventId));

    /// <summary>What makes the chain's sign-in new (<c>device</c>, <c>country</c>, <c>address</c>), or null when nothing does.</summary>
    private string? NewBy(Chain chain, IEnumerable<AlertInput> known)
    {
        var signIn = chain.SignIn!;
        if (AlertSignals.IsNewDeviceSignIn(signIn))
        {
            return "device";
        }

        var from = chain.Recovery.OccurredAt - _settings.NoveltyLookback;
        var before = known
            .Where(e => e.OccurredAt >= from && e.OccurredAt < chain.Recovery.OccurredAt && AlertSignals.IsSignIn(e))
            .ToList();
        if (signIn.DeviceKey is { } device && !before.Any(e => string.Equals(e.DeviceKey, device, StringComparison.Ordinal)))
        {
            return "device";
        }

        if (signIn.Country is { } country && !before.Any(e => string.Equals(e.Country, country, StringComparison.OrdinalIgnoreCase)))
        {
            return "country";
        }

        if (signIn.DeviceKey is null && signIn.Country is null && _settings.NewIpCounts
            && signIn.Ip is { } ip && !before.Any(e => string.Equals(e.Ip, ip, StringComparison.Ordinal)))
        {
            return "address";
        }

        return null;
    }

    private sealed record Chain(AlertInput Recovery, AlertInput Change, AlertInput? SignIn);
}
