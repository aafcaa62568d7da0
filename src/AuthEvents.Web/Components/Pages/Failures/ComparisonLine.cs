namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>
/// One visible row of the comparison table: a canonical reason (depth 0) or one provider code under it (depth 1), with
/// both counts, the difference and the relative change as text (never colour alone), and a <c>/live</c> link to its
/// events in the current range.
/// </summary>
public sealed record ComparisonLine(
    string Id,
    int Depth,
    string Label,
    string? Detail,
    long Current,
    long Baseline,
    ChangeDirection Direction,
    string DifferenceText,
    string ChangeText,
    bool Expandable,
    bool Expanded,
    string LiveUrl)
{
    /// <summary>Some providers' codes are whole sentences (Login.gov's document errors): shown as text, not as a code.</summary>
    public bool LongLabel => Label.Length > 40;

    /// <summary>Words for assistive technology and tooltips: "12 more than the baseline, worse".</summary>
    public string DirectionText => Direction switch
    {
        ChangeDirection.Worse => $"{DifferenceText.TrimStart('+')} more than the baseline, worse",
        ChangeDirection.Better => $"{DifferenceText.TrimStart('−')} fewer than the baseline, better",
        _ => "unchanged",
    };
}
