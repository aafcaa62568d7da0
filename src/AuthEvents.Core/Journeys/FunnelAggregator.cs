namespace AuthEvents.Core.Journeys;

/// <summary>
/// The funnel engine's second half: summarizes stored attempts into step counts, conversion rates, times,
/// fast-conversion flags, breakdowns and drop-off lists. Each person counts once, by their furthest-reaching
/// attempt among those given (the earliest of equals); the caller passes the attempts that started in the range.
/// </summary>
/// <remarks>
/// Times are nearest-rank percentiles (the median is the lower middle value) over conversions whose time was
/// measured: pairs of steps where either was implied, or both were reached by the same event, are left out.
/// </remarks>
public static class FunnelAggregator
{
    /// <summary>The breakdown value for attempts without a country.</summary>
    public const string UnknownCountry = "unknown";

    /// <summary>The breakdown value for attempts without an authenticator.</summary>
    public const string NoAuthenticator = "none";

    /// <summary>The breakdown value for attempts that hit no rate limit.</summary>
    public const string NotRateLimited = "not rate-limited";

    /// <summary>Summarizes <paramref name="attempts"/>.</summary>
    public static FunnelReport Summarize(FunnelDefinition funnel, IEnumerable<PersonAttempt> attempts, FunnelReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        var people = Counted(funnel, attempts, options);
        var steps = new List<FunnelStepReport>(funnel.Steps.Count);
        for (var j = 0; j < funnel.Steps.Count; j++)
        {
            steps.Add(StepReport(funnel, people, j));
        }

        var branches = new List<FunnelBranchReport>(funnel.Branches.Count);
        for (var b = 0; b < funnel.Branches.Count; b++)
        {
            branches.Add(BranchReport(funnel, people, b));
        }

        return new FunnelReport(
            funnel,
            people.Count,
            people.Count(p => p.Progress.Completed),
            people.Count(p => p.Progress.InProgress),
            steps,
            branches,
            options.Breakdown == FunnelBreakdown.None ? [] : Segments(funnel, people, options.Breakdown),
            people.Count(p => IsFast(funnel, p)));
    }

    /// <summary>People who stopped at main step <paramref name="step"/> (not converted, not branched, not in progress), latest activity first.</summary>
    public static IReadOnlyList<PersonAttempt> DropOffs(FunnelDefinition funnel, IEnumerable<PersonAttempt> attempts, int step, FunnelReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        return Counted(funnel, attempts, options)
            .Where(p => p.Progress.StoppedAt(funnel) == step)
            .OrderByDescending(p => p.Attempt.Attempt.LastEventTicks).ThenBy(p => p.Attempt.PersonId)
            .Select(p => p.Attempt)
            .ToList();
    }

    /// <summary>People who reached main step <paramref name="step"/> sooner after the previous step than its <see cref="FunnelStep.MinHumanTime"/>, fastest first.</summary>
    public static IReadOnlyList<FastConversion> FastConversions(FunnelDefinition funnel, IEnumerable<PersonAttempt> attempts, int step, FunnelReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        if (step <= 0 || step >= funnel.Steps.Count || funnel.Steps[step].MinHumanTime is not { } threshold)
        {
            return [];
        }

        return Counted(funnel, attempts, options)
            .Select(p => (p, Duration: Measured(p, step)))
            .Where(x => x.Duration is { } d && d < threshold)
            .OrderBy(x => x.Duration).ThenBy(x => x.p.Attempt.PersonId)
            .Select(x => new FastConversion(x.p.Attempt.PersonId, x.p.Attempt.Attempt, x.Duration!.Value))
            .ToList();
    }

    /// <summary>The window steps are counted within (ticks from the start), or null for the funnel's own.</summary>
    public static long? WindowTicks(FunnelDefinition funnel, FunnelReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        return options.Window is { } w && w < funnel.ConversionWindow ? w.Ticks : null;
    }

    /// <summary>The breakdown value of an attempt.</summary>
    public static string ValueOf(FunnelAttempt attempt, FunnelBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return breakdown switch
        {
            FunnelBreakdown.Source => attempt.Source.ToString(),
            FunnelBreakdown.Country => attempt.Country ?? UnknownCountry,
            // By method, as the overview counts them: Login.gov's totp and FusionAuth's authenticator are one app.
            FunnelBreakdown.Authenticator => attempt.Authenticator is { } raw ? Events.MfaMethods.Of(raw).Label : NoAuthenticator,
            FunnelBreakdown.RateLimit => attempt.RateLimitType ?? NotRateLimited,
            _ => "",
        };
    }

    private static FunnelStepReport StepReport(FunnelDefinition funnel, List<Person> people, int j)
    {
        var last = j == funnel.LastStep;
        int entered = 0, converted = 0, branched = 0, inProgress = 0, implied = 0, viaBranches = 0, fast = 0;
        var durations = new List<long>();
        var threshold = funnel.Steps[j].MinHumanTime;
        foreach (var person in people)
        {
            var p = person.Progress;
            var a = person.Attempt.Attempt;
            var reached = last ? p.Completed : p.MainReached > j;
            if (!reached)
            {
                continue;
            }

            entered++;
            if (last)
            {
                viaBranches += p.Branch >= 0 ? 1 : 0;
            }
            else if (p.MainReached > j + 1)
            {
                converted++;
                if (a.IsMeasured(j + 1))
                {
                    durations.Add(a.StepTicks[j + 1] - a.StepTicks[j]);
                }
            }
            else if (p.Branch >= 0)
            {
                branched++;
            }
            else if (p.InProgress)
            {
                inProgress++;
            }

            implied += !last && a.IsImplied(j) ? 1 : 0;
            if (threshold is { } t && Measured(person, j) is { } d && d < t)
            {
                fast++;
            }
        }

        durations.Sort();
        var dropped = last ? 0 : entered - converted - branched - inProgress;
        return new FunnelStepReport(j, funnel.Steps[j], entered, last ? 0 : converted, branched, inProgress, dropped, implied,
            Percentile(durations, 50), Percentile(durations, 90), durations.Count, fast, viaBranches);
    }

    private static FunnelBranchReport BranchReport(FunnelDefinition funnel, List<Person> people, int b)
    {
        var branch = funnel.Branches[b];
        var reached = new int[branch.Steps.Count];
        var toStep = Enumerable.Range(0, branch.Steps.Count).Select(_ => new List<long>()).ToArray();
        var toComplete = new List<long>();
        int took = 0, completed = 0, inProgress = 0;
        foreach (var person in people)
        {
            var p = person.Progress;
            if (p.Branch != b)
            {
                continue;
            }

            var a = person.Attempt.Attempt;
            took++;
            for (var i = 0; i < p.BranchReached; i++)
            {
                reached[i]++;
                toStep[i].Add(a.BranchTicks[i] - (i == 0 ? a.StepTicks[p.MainReached - 1] : a.BranchTicks[i - 1]));
            }

            if (p.Completed)
            {
                completed++;
                toComplete.Add(a.CompletedTicks - a.BranchTicks[p.BranchReached - 1]);
            }
            else if (p.InProgress)
            {
                inProgress++;
            }
        }

        foreach (var list in toStep)
        {
            list.Sort();
        }

        toComplete.Sort();
        return new FunnelBranchReport(b, branch, took, reached, completed, inProgress, took - completed - inProgress,
            toStep.Select(l => Percentile(l, 50)).ToList(), Percentile(toComplete, 50));
    }

    private static List<FunnelSegmentReport> Segments(FunnelDefinition funnel, List<Person> people, FunnelBreakdown breakdown) =>
        people.GroupBy(p => ValueOf(p.Attempt.Attempt, breakdown), StringComparer.Ordinal)
            .Select(g =>
            {
                var reached = new int[funnel.Steps.Count];
                foreach (var p in g)
                {
                    for (var j = 0; j < funnel.Steps.Count; j++)
                    {
                        reached[j] += (j == funnel.LastStep ? p.Progress.Completed : p.Progress.MainReached > j) ? 1 : 0;
                    }
                }

                return new FunnelSegmentReport(g.Key, g.Count(), reached, reached[funnel.LastStep]);
            })
            .OrderByDescending(s => s.Entered).ThenBy(s => s.Value, StringComparer.Ordinal)
            .ToList();

    private static bool IsFast(FunnelDefinition funnel, Person person)
    {
        for (var j = 1; j < funnel.Steps.Count; j++)
        {
            if (funnel.Steps[j].MinHumanTime is { } t && Measured(person, j) is { } d && d < t)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The measured time from main step <paramref name="step"/> - 1 to it, when the person reached it on the main path.</summary>
    private static TimeSpan? Measured(Person person, int step)
    {
        var a = person.Attempt.Attempt;
        var reached = step == a.StepTicks.Count - 1 ? person.Progress.Completed && person.Progress.Branch < 0 : person.Progress.MainReached > step;
        return step > 0 && reached && a.IsMeasured(step) ? TimeSpan.FromTicks(a.StepTicks[step] - a.StepTicks[step - 1]) : null;
    }

    private static TimeSpan? Percentile(List<long> sorted, int percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return TimeSpan.FromTicks(sorted[Math.Clamp(rank, 1, sorted.Count) - 1]);
    }

    private static List<Person> Counted(FunnelDefinition funnel, IEnumerable<PersonAttempt> attempts, FunnelReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var window = WindowTicks(funnel, options);
        var best = new Dictionary<long, Person>();
        foreach (var attempt in attempts)
        {
            var person = new Person(attempt, FunnelProgress.Of(attempt.Attempt, options.NowTicks, window));
            if (!best.TryGetValue(attempt.PersonId, out var current) || person.IsBetterThan(current))
            {
                best[attempt.PersonId] = person;
            }
        }

        return [.. best.Values];
    }

    private sealed record Person(PersonAttempt Attempt, FunnelProgress Progress)
    {
        public bool IsBetterThan(Person other)
        {
            var c = Progress.Rank.CompareTo(other.Progress.Rank);
            return c > 0 || (c == 0 && Attempt.Attempt.StartTicks < other.Attempt.Attempt.StartTicks);
        }
    }
}
