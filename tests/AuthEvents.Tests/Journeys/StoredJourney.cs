using AuthEvents.Core.Events;
using AuthEvents.Store;

namespace AuthEvents.Tests.Journeys;

/// <summary>
/// Canonical events as the normalizers would produce them (classified by the real catalog), for committing through
/// <see cref="EventStore.CommitAsync"/> in scripted batches.
/// </summary>
internal sealed class StoredJourney(DateTimeOffset start)
{
    private int _nextInbox = 1;

    public DateTimeOffset Start { get; } = start;

    public AuthEvent Event(
        string id, TimeSpan at, EventSource source, string type, Outcome? outcome = null, string? context = null,
        string? person = null, string? email = null, string? subject = null, string? session = null,
        FailureReason? reason = null, string? country = null, string? ip = null, string? device = null,
        string? phone = null, double? latitude = null, double? longitude = null, string? authenticator = null)
    {
        var entry = MilestoneCatalog.Resolve(source, type, context);
        var result = outcome ?? entry.DefaultOutcome;
        return new AuthEvent
        {
            Source = source,
            ProviderEventId = id,
            EventType = type,
            Milestone = entry.Milestone,
            Step = entry.Step,
            Outcome = result,
            FailureReasons = reason is null ? [] : [reason],
            SubjectKey = subject,
            PersonKey = person,
            EmailMasked = email,
            SessionKey = session,
            Country = country,
            Ip = ip,
            DeviceKey = device,
            PhoneHash = phone,
            Latitude = latitude,
            Longitude = longitude,
            Authenticator = authenticator,
            Attributes = result == Outcome.RateLimited && context is not null ? new Dictionary<string, string> { ["limiter_type"] = context } : new Dictionary<string, string>(),
            OccurredAt = Start + at,
            ReceivedAt = Start + at + TimeSpan.FromSeconds(1),
        };
    }

    public async Task CommitAsync(EventStore store, params AuthEvent[] events) =>
        await store.CommitAsync(events.Select(e => new NormalizedInboxRecord(_nextInbox++, e.Source, e.ProviderEventId, false, e, null)).ToList(), CancellationToken.None);
}
