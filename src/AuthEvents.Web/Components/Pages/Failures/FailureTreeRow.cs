using AuthEvents.Store.Queries;

namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>
/// One visible row of the failure breakdown tree: its node, its depth (0 for a top-level node), how it reads (a provider
/// code's source, event type and field in <see cref="Detail"/> when grouped by reason, its canonical reason in
/// <see cref="Tag"/> when grouped by source), whether it can be expanded and is, and the <c>/live</c> link to exactly the
/// events it counts.
/// </summary>
public sealed record FailureTreeRow(
    string Id, int Depth, FailureNode Node, string Label, string? Detail, string? Tag, bool Expandable, bool Expanded, string LiveUrl)
{
    /// <summary>Some providers' codes are whole sentences (Login.gov's document errors): shown as text, not as a code.</summary>
    public bool LongLabel => Label.Length > 40;

    /// <summary>What the node is, in words: "source", "event type", "field", "provider code" or "canonical reason".</summary>
    public string LevelName => Node.Level switch
    {
        FailureLevel.Source => "source",
        FailureLevel.EventType => "event type",
        FailureLevel.Field => "field",
        FailureLevel.Code => "provider code",
        _ => "canonical reason",
    };
}
