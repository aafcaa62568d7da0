using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Web.Hosting;
using AuthEvents.Web.Navigation;
using AuthEvents.Web.Components.Controls.Journeys;

namespace AuthEvents.Web.Components.Pages.Catalog;

/// <summary>
/// The catalog page as plain data, rendered from the same definitions the engine runs on: every funnel's steps
/// with the events that reach them, and every catalog row mapping a provider's event type to a milestone.
/// </summary>
public sealed class CatalogViewModel
{
    public CatalogViewModel(string? source)
        : this(FilterCodec.TryParseSource(source, out var s) ? s : null)
    {
    }

    public CatalogViewModel(EventSource? source)
    {
        Source = source;
        Entries = MilestoneCatalog.Entries.Where(e => Source is null || e.Source == Source).ToList();
    }

    /// <summary>The provider shown, or null for all.</summary>
    public EventSource? Source { get; }

    public IReadOnlyList<MilestoneCatalogEntry> Entries { get; }

    /// <summary>The normal URL of this view.</summary>
    public string Url => DashboardUrls.Catalog(Source?.ToString());

    /// <summary>What reaches a step, in words: per signal, the milestone, the event types and which outcomes count.</summary>
    public static IReadOnlyList<string> Signals(FunnelStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Signals.Select(s =>
        {
            var types = s.EventTypes is null ? "any type" : string.Join(", ", s.EventTypes);
            var reach = s.Reach switch
            {
                StepReach.Success => "reached on success",
                StepReach.SuccessOrInfo => "reached on success or info",
                StepReach.AnyOutcome => "reached whatever the outcome",
                _ => "an attempt only, never reaches it",
            };
            return $"{s.Milestone} ({types}): {reach}";
        }).ToList();
    }

    /// <summary>The catalog rows whose milestone a step listens to, as provider/type pairs, for the "which events" column.</summary>
    public static IReadOnlyList<string> EventTypes(FunnelStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return MilestoneCatalog.Entries
            .Where(e => !e.IsPattern && step.Signals.Any(s => s.Matches(e.Milestone, e.EventType)))
            .Select(e => $"{SourceNames.Display(e.Source)} {e.EventType}{(e.Context is { Length: > 0 } c ? " [" + c + "]" : "")}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A window in words, or "conversion window" when the step has none of its own.</summary>
    public static string Window(FunnelDefinition funnel, TimeSpan? window)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return window is { } w ? JourneyFormat.Duration(w) : "within " + JourneyFormat.Duration(funnel.ConversionWindow) + " of the start";
    }

    /// <summary>A context value of a catalog row in words.</summary>
    public static string Context(MilestoneCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Context switch
        {
            null => "",
            "" => "(none given)",
            var c => c,
        };
    }
}
