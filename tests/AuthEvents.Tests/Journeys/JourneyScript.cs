using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;

namespace AuthEvents.Tests.Journeys;

/// <summary>
/// A scripted sequence of one person's events, classified by the real milestone catalog, for the funnel engine.
/// Times are offsets from <see cref="Start"/>; event ids follow the order the script is written in.
/// </summary>
internal sealed class JourneyScript
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<JourneyEvent> _events = [];
    private long _nextId;

    public JourneyScript(long firstId = 1) => _nextId = firstId;

    public IReadOnlyList<JourneyEvent> Events => _events;

    public static long Ticks(TimeSpan offset) => (Start + offset).UtcTicks;

    /// <summary>Adds an event at <paramref name="offset"/>; the outcome defaults to the catalog's, as for payloads without <c>success</c>.</summary>
    public JourneyScript Add(
        TimeSpan offset, EventSource source, string type, Outcome? outcome = null, string? context = null,
        string? reason = null, string? country = null, string? authenticator = null)
    {
        var entry = MilestoneCatalog.Resolve(source, type, context);
        var result = outcome ?? entry.DefaultOutcome;
        var failed = result is Outcome.Failure or Outcome.RateLimited;
        _events.Add(new JourneyEvent(
            _nextId++, Ticks(offset), entry.Step, source, entry.Milestone, type, result, country, authenticator,
            result == Outcome.RateLimited ? context ?? type : null,
            failed ? reason ?? CanonicalReasons.Other : null,
            failed ? "test: " + (reason ?? "other") : null));
        return this;
    }

    public JourneyScript LoginGov(TimeSpan offset, string type, bool? success = null, string? context = null, string? reason = null) =>
        Add(offset, EventSource.LoginGov, type, success switch { true => Outcome.Success, false => Outcome.Failure, null => null }, context, reason);

    /// <summary>The events in journey order, as the store hands them to the engine.</summary>
    public IReadOnlyList<JourneyEvent> Ordered() => _events.Order(JourneyEvent.Order).ToList();

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);
}
