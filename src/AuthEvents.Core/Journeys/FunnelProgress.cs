namespace AuthEvents.Core.Journeys;

/// <summary>
/// How far an attempt got, counting only steps reached within an optional window from its start: what decides
/// which of a person's attempts counts, and where in the funnel the person ends up.
/// </summary>
/// <param name="MainReached">Main steps reached on the main path.</param>
/// <param name="Branch">The branch taken, or -1.</param>
/// <param name="BranchReached">Steps of that branch reached.</param>
/// <param name="Completed">True when the last step was reached.</param>
/// <param name="InProgress">True when not completed and the attempt can still progress after the given instant.</param>
public readonly record struct FunnelProgress(int MainReached, int Branch, int BranchReached, bool Completed, bool InProgress)
{
    /// <summary>Higher is further: a completion beats everything, then main and branch steps reached.</summary>
    public int Rank => RankOf(MainReached, BranchReached, Completed);

    /// <summary>The main step the person stopped at, or -1 when they completed, branched or are still in progress.</summary>
    public int StoppedAt(FunnelDefinition funnel)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return Completed || InProgress || Branch >= 0 || MainReached == 0 || MainReached == funnel.Steps.Count ? -1 : MainReached - 1;
    }

    /// <summary>The progress of <paramref name="attempt"/> at <paramref name="nowTicks"/>, counting steps within <paramref name="windowTicks"/> of the start (all when null).</summary>
    public static FunnelProgress Of(FunnelAttempt attempt, long nowTicks, long? windowTicks)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var limit = Limit(attempt.StartTicks, windowTicks);
        var main = Count(attempt.StepTicks, limit);
        var branch = attempt.Branch;
        var branchReached = branch >= 0 ? Count(attempt.BranchTicks, limit) : 0;
        if (branch >= 0 && (branchReached == 0 || main < attempt.MainReached))
        {
            branch = -1;
            branchReached = 0;
        }

        var completed = attempt.Completed && attempt.CompletedTicks <= limit;
        var inProgress = !completed && Math.Min(attempt.DeadlineTicks, limit) > nowTicks;
        return new FunnelProgress(main, branch, branchReached, completed, inProgress);
    }

    /// <summary>The <see cref="Rank"/> for these counts.</summary>
    public static int RankOf(int mainReached, int branchReached, bool completed) => completed ? int.MaxValue : mainReached + branchReached;

    /// <summary>The last instant a step counts at, for an attempt starting at <paramref name="startTicks"/>.</summary>
    public static long Limit(long startTicks, long? windowTicks) => windowTicks is { } w ? startTicks + w : long.MaxValue;

    private static int Count(IReadOnlyList<long> ticks, long limit)
    {
        var count = 0;
        while (count < ticks.Count && ticks[count] != 0 && ticks[count] <= limit)
        {
            count++;
        }

        return count;
    }
}
