using AuthEvents.Core.Journeys;
using AuthEvents.Store.Journeys;
using AuthEvents.Web.Components.Controls.Journeys;

namespace AuthEvents.Web.Components.Pages.Journeys;

/// <summary>
/// The /journeys view as plain data: step rows with their bars, branches, the breakdown matrix and the open list,
/// built from a <see cref="FunnelReport"/> for a <see cref="JourneysState"/>. The page binds it; all logic is here.
/// </summary>
public sealed class JourneysViewModel
{
    /// <summary>Rows of a breakdown beyond this are summed into one.</summary>
    public const int MaxSegments = 12;

    public JourneysViewModel(JourneysState state, FunnelReport report, JourneyPeopleList? people)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(report);
        State = state;
        Report = report;
        People = people;
        var first = Math.Max(1, report.Steps.Count == 0 ? 0 : report.Steps[0].Entered);
        Steps = report.Steps.Select(s => StepRow(state, s, first)).ToList();
        Branches = report.Branches.Select(b => BranchRow(state.Funnel, b, first)).ToList();
        Segments = SegmentRows(state.Breakdown, report.Segments);
    }

    public JourneysState State { get; }

    public FunnelReport Report { get; }

    public JourneyPeopleList? People { get; }

    public IReadOnlyList<FunnelStepRow> Steps { get; }

    public IReadOnlyList<FunnelBranchRow> Branches { get; }

    public IReadOnlyList<FunnelSegmentRow> Segments { get; }

    /// <summary>The heading of the open list, or null when none is open.</summary>
    public string? ListTitle =>
        State.DropOffStep >= 0 ? $"People who stopped at \u201c{State.Funnel.Steps[State.DropOffStep].Label}\u201d"
        : State.FastStep >= 0 ? $"Suspiciously fast to \u201c{State.Funnel.Steps[State.FastStep].Label}\u201d (under {JourneyFormat.Duration(State.Funnel.Steps[State.FastStep].MinHumanTime)})"
        : null;

    /// <summary>True when the open list is of fast conversions.</summary>
    public bool ListIsFast => State.FastStep >= 0;

    /// <summary>The URL that closes the open list.</summary>
    public string CloseListUrl => State.WithDropOff(null).ToUrl();

    private static FunnelStepRow StepRow(JourneysState state, FunnelStepReport s, int first)
    {
        var step = s.Step;
        return new FunnelStepRow(
            s.Index,
            step.Id,
            step.Label,
            step.Description,
            JourneyFormat.Count(s.Entered),
            s.Step == state.Funnel.Steps[^1] ? "" : JourneyFormat.Count(s.Converted),
            s.Step == state.Funnel.Steps[^1] ? "" : JourneyFormat.Count(s.Dropped),
            s.Dropped,
            s.InProgress == 0 ? "" : JourneyFormat.Count(s.InProgress),
            s.Branched == 0 ? "" : JourneyFormat.Count(s.Branched),
            s.Implied == 0 ? "" : JourneyFormat.Count(s.Implied),
            s.Step == state.Funnel.Steps[^1] ? "" : JourneyFormat.Percent(s.ConversionRate),
            JourneyFormat.Duration(s.MedianToNext),
            JourneyFormat.Duration(s.P90ToNext),
            s.Fast,
            step.MinHumanTime is { } t ? JourneyFormat.Duration(t) : null,
            step.Window is { } w ? "within " + JourneyFormat.Duration(w) : null,
            Width(s.Entered, first),
            Width(s.Step == state.Funnel.Steps[^1] ? s.Entered : s.Converted, first),
            s.Step == state.Funnel.Steps[^1],
            s.CompletedViaBranches == 0 ? null : JourneyFormat.Count(s.CompletedViaBranches) + " through a branch",
            state.WithDropOff(state.DropOff == step.Id ? null : step.Id).ToUrl(),
            step.MinHumanTime is null ? null : state.WithFast(state.Fast == step.Id ? null : step.Id).ToUrl(),
            state.DropOff == step.Id,
            state.Fast == step.Id);
    }

    private static FunnelBranchRow BranchRow(FunnelDefinition funnel, FunnelBranchReport b, int first) => new(
        b.Branch.Label,
        b.Branch.Description,
        "from \u201c" + funnel.Steps[b.Branch.FromStep].Label + "\u201d on",
        JourneyFormat.Count(b.Took),
        b.Branch.Steps.Select((s, i) => (s.Label, JourneyFormat.Count(b.Reached[i]), JourneyFormat.Duration(b.MedianToStep[i]))).ToList(),
        JourneyFormat.Count(b.Completed),
        b.InProgress == 0 ? "" : JourneyFormat.Count(b.InProgress),
        JourneyFormat.Count(b.Dropped),
        JourneyFormat.Duration(b.MedianToComplete),
        Width(b.Took, first));

    private static List<FunnelSegmentRow> SegmentRows(FunnelBreakdown breakdown, IReadOnlyList<FunnelSegmentReport> segments)
    {
        var shown = segments.Take(MaxSegments).ToList();
        var rest = segments.Skip(MaxSegments).ToList();
        if (rest.Count > 0)
        {
            var reached = Enumerable.Range(0, rest[0].Reached.Count).Select(j => rest.Sum(s => s.Reached[j])).ToList();
            shown.Add(new FunnelSegmentReport($"{rest.Count} more", rest.Sum(s => s.Entered), reached, rest.Sum(s => s.Completed)));
        }

        return shown.Select(s => new FunnelSegmentRow(
            rest.Count > 0 && s == shown[^1] ? s.Value : JourneyFormat.BreakdownValue(breakdown, s.Value),
            JourneyFormat.Count(s.Entered),
            s.Reached.Select(r => (JourneyFormat.Count(r), s.Entered == 0 ? 0 : r / (double)s.Entered)).ToList(),
            JourneyFormat.Percent(s.CompletionRate))).ToList();
    }

    private static double Width(int count, int first) => Math.Round(Math.Clamp(count / (double)first, 0, 1) * 100, 1);
}
