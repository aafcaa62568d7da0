using AuthEvents.Core.Alerts;
using AuthEvents.Store.Queries;

namespace AuthEvents.Store.Alerts;

/// <summary>One alert with its history (oldest first) and its kept evidence (oldest first, with each event's chain step).</summary>
public sealed record AlertDetail(AlertRow Alert, IReadOnlyList<AlertHistoryRow> History, IReadOnlyList<AlertEvidenceRow> Evidence);

/// <summary>One change in an alert's history.</summary>
public sealed record AlertHistoryRow(long Id, DateTimeOffset At, AlertChange Change, AlertStatus? FromStatus, AlertStatus? ToStatus, string ActorSubject, string ActorName, string? Text);

/// <summary>One evidence event, as the event lists show it, with its step (account takeover) or trip end (impossible travel).</summary>
public sealed record AlertEvidenceRow(EventListItem Event, int? Step);
