using AuthEvents.Core.Events;

namespace AuthEvents.Web.State;

/// <summary>The values filter pickers offer, taken from the catalogs (no query needed).</summary>
public static class FilterChoices
{
    public static IReadOnlyList<EventSource> Sources { get; } = Enum.GetValues<EventSource>();

    public static IReadOnlyList<Outcome> Outcomes { get; } = Enum.GetValues<Outcome>();

    /// <summary>Every named provider event type of the milestone catalog (patterns and fallbacks left out), sorted.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = MilestoneCatalog.Entries
        .Select(e => e.EventType).Where(t => !t.Contains('*', StringComparison.Ordinal))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every canonical failure reason, <c>other</c> last.</summary>
    public static IReadOnlyList<string> Reasons { get; } = FailureReasonCatalog.Rules.Select(r => r.Canonical)
        .Append(CanonicalReasons.Other).Distinct(StringComparer.Ordinal)
        .OrderBy(r => r == CanonicalReasons.Other).ThenBy(r => r, StringComparer.Ordinal).ToList();
}
