using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// The funnel engine's first half: turns one person's events, in journey order, into attempts at one funnel.
/// Pure and deterministic; the store runs it for each person whose events changed.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An attempt starts at an event that reaches the first step while no attempt is open. Events that concern a
/// later step while none is open are left out (the journey began before what is stored, or out of order).</item>
/// <item>Steps are matched in order at their first reaching event (first success); an event may reach several steps at
/// once (a password accepted also starts a sign-in). An event of a later step first fills the steps between when they
/// are all <see cref="FunnelStep.ImpliedByLaterSteps"/>, otherwise it does not count for that step; an attempt at a
/// later step (a failure, a code sent) implies the steps between in the same way without reaching its own.</item>
/// <item>An attempt that completes is closed; events at the very instant of the completion still belong to it.</item>
/// <item>Step windows run from the latest event that reached the previous step (a retry of it restarts the window, while
/// the step's time stays its first success); the conversion window runs from the start. The attempt closes
/// when it completes or when its next steps can no longer be reached in time; an event after that may start a new one.</item>
/// <item>On the main path, an event reaching the first step of a branch whose <see cref="FunnelBranch.FromStep"/> has been
/// reached takes the branch; from then on only the branch's steps and then the last step count.</item>
/// <item>Failures (failures and rate limits) anywhere in the attempt are counted; the latest is kept with its reason.</item>
/// </list>
/// </remarks>
public static class FunnelAttemptBuilder
{
    /// <summary>Builds the attempts from <paramref name="events"/>, which must be in <see cref="JourneyEvent.Order"/>.</summary>
    public static IReadOnlyList<FunnelAttempt> Build(FunnelDefinition funnel, IReadOnlyList<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(events);
        var attempts = new List<FunnelAttempt>();
        OpenAttempt? open = null;
        foreach (var e in events)
        {
            if (open is not null && e.OccurredTicks > open.Deadline)
            {
                attempts.Add(open.ToAttempt());
                open = null;
            }

            if (open is { IsCompleted: true })
            {
                // The very instant of the completion (a provider reporting the same sign-in twice within its clock's
                // precision) belongs to the completed attempt, so attempts of a person start at distinct instants.
                continue;
            }

            if (open is null)
            {
                if (funnel.Steps[0].Match(e.Milestone, e.EventType, e.Outcome) != StepMatch.Reached)
                {
                    continue;
                }

                open = new OpenAttempt(funnel, e);
            }

            open.Apply(e);
        }

        if (open is not null)
        {
            attempts.Add(open.ToAttempt());
        }

        return attempts;
    }

    private sealed class OpenAttempt(FunnelDefinition funnel, JourneyEvent first)
    {
        private readonly long[] _steps = new long[funnel.Steps.Count];
        private readonly long _start = first.OccurredTicks;
        private readonly long _cap = first.OccurredTicks + funnel.ConversionWindow.Ticks;
        private long[] _branchSteps = [];
        private int _branch = -1;
        private int _reached = -1;
        private int _branchReached = -1;
        private int _implied;
        private int _unmeasured;
        private long _lastReachEvent = -1;
        private long _anchor;
        private long _completed;
        private long _lastEvent;
        private string? _country;
        private string? _authenticator;
        private string? _rateLimit;
        private int _failures;
        private JourneyFailure? _lastFailure;

        public bool IsCompleted => _completed != 0;

        public long Deadline { get; private set; } = first.OccurredTicks + funnel.ConversionWindow.Ticks;

        public void Apply(JourneyEvent e)
        {
            _lastEvent = e.OccurredTicks;
            _country ??= e.Country;
            _authenticator ??= e.Authenticator;
            if (e.Outcome == Outcome.RateLimited)
            {
                _rateLimit ??= e.RateLimitType ?? e.EventType;
            }

            if (e.IsFailure)
            {
                _failures++;
                _lastFailure = new JourneyFailure(e.OccurredTicks, e.EventId, e.EventType, e.ReasonCanonical, e.ReasonRaw);
            }

            if (_branch < 0)
            {
                ApplyMain(e);
                if (_branch < 0 && !IsCompleted)
                {
                    TryBranch(e);
                }
            }
            else
            {
                ApplyBranch(e);
            }

            UpdateDeadline();
        }

        private void ApplyMain(JourneyEvent e)
        {
            var steps = funnel.Steps;
            if (_reached >= 0 && steps[_reached].Match(e.Milestone, e.EventType, e.Outcome) == StepMatch.Reached)
            {
                // A retry of the step reached last (a document uploaded again) restarts the next step's window;
                // the step's own time stays its first success.
                _anchor = e.OccurredTicks;
            }

            for (var j = _reached + 1; j < steps.Count; j++)
            {
                var match = steps[j].Match(e.Milestone, e.EventType, e.Outcome);
                if (match == StepMatch.None || !GapImplied(j) || !InWindow(steps[j].Window, _anchor, e.OccurredTicks))
                {
                    continue;
                }

                for (var g = _reached + 1; g < j; g++)
                {
                    Reach(g, e, implied: true);
                }

                if (match == StepMatch.Attempted)
                {
                    return;
                }

                Reach(j, e, implied: false);
                if (j == funnel.LastStep)
                {
                    _completed = e.OccurredTicks;
                    return;
                }
            }
        }

        private bool GapImplied(int step)
        {
            for (var g = _reached + 1; g < step; g++)
            {
                if (!funnel.Steps[g].ImpliedByLaterSteps)
                {
                    return false;
                }
            }

            return true;
        }

        private void Reach(int step, JourneyEvent e, bool implied)
        {
            var previousImplied = step > 0 && (_implied & (1 << (step - 1))) != 0;
            if (implied || previousImplied || _lastReachEvent == e.EventId)
            {
                _unmeasured |= 1 << step;
            }

            if (implied)
            {
                _implied |= 1 << step;
            }

            _steps[step] = e.OccurredTicks;
            _anchor = e.OccurredTicks;
            _reached = step;
            _lastReachEvent = e.EventId;
        }

        private void TryBranch(JourneyEvent e)
        {
            for (var b = 0; b < funnel.Branches.Count; b++)
            {
                var branch = funnel.Branches[b];
                if (_reached >= branch.FromStep
                    && branch.Steps[0].Match(e.Milestone, e.EventType, e.Outcome) == StepMatch.Reached
                    && InWindow(branch.Steps[0].Window, _anchor, e.OccurredTicks))
                {
                    _branch = b;
                    _anchor = e.OccurredTicks;
                    _branchSteps = new long[branch.Steps.Count];
                    _branchSteps[0] = e.OccurredTicks;
                    _branchReached = 0;
                    return;
                }
            }
        }

        private void ApplyBranch(JourneyEvent e)
        {
            var branch = funnel.Branches[_branch];
            if (branch.Steps[_branchReached].Match(e.Milestone, e.EventType, e.Outcome) == StepMatch.Reached)
            {
                _anchor = e.OccurredTicks;
            }

            var next = _branchReached + 1;
            if (next < branch.Steps.Count)
            {
                if (branch.Steps[next].Match(e.Milestone, e.EventType, e.Outcome) == StepMatch.Reached
                    && InWindow(branch.Steps[next].Window, _anchor, e.OccurredTicks))
                {
                    _branchSteps[next] = e.OccurredTicks;
                    _branchReached = next;
                    _anchor = e.OccurredTicks;
                }

                return;
            }

            if (funnel.Steps[funnel.LastStep].Match(e.Milestone, e.EventType, e.Outcome) == StepMatch.Reached
                && InWindow(branch.RejoinWindow, _anchor, e.OccurredTicks))
            {
                _completed = e.OccurredTicks;
            }
        }

        private bool InWindow(TimeSpan? window, long from, long at) =>
            at <= _cap && (window is not { } w || at - from <= w.Ticks);

        private void UpdateDeadline()
        {
            if (IsCompleted)
            {
                Deadline = _completed;
                return;
            }

            long longest;
            var from = _anchor;
            if (_branch < 0)
            {
                longest = 0;
                for (var j = _reached + 1; j < funnel.Steps.Count; j++)
                {
                    longest = Math.Max(longest, (funnel.Steps[j].Window ?? funnel.ConversionWindow).Ticks);
                    if (!funnel.Steps[j].ImpliedByLaterSteps)
                    {
                        break;
                    }
                }

                foreach (var branch in funnel.Branches)
                {
                    if (_reached >= branch.FromStep)
                    {
                        longest = Math.Max(longest, (branch.Steps[0].Window ?? funnel.ConversionWindow).Ticks);
                    }
                }
            }
            else
            {
                var branch = funnel.Branches[_branch];
                longest = _branchReached + 1 < branch.Steps.Count
                    ? (branch.Steps[_branchReached + 1].Window ?? funnel.ConversionWindow).Ticks
                    : branch.RejoinWindow.Ticks;
            }

            Deadline = Math.Min(_cap, from + longest);
        }

        public FunnelAttempt ToAttempt() => new()
        {
            StartTicks = _start,
            StepTicks = _steps,
            Branch = _branch,
            BranchTicks = _branchSteps,
            ImpliedMask = _implied,
            UnmeasuredMask = _unmeasured,
            CompletedTicks = _completed,
            DeadlineTicks = Deadline,
            LastEventTicks = _lastEvent,
            Source = first.Source,
            Country = _country,
            Authenticator = _authenticator,
            RateLimitType = _rateLimit,
            Failures = _failures,
            LastFailure = _lastFailure,
        };
    }
}
