namespace AuthEvents.Store.Alerts;

/// <summary>An alert with its history, oldest change first.</summary>
public sealed record AlertDetail(AlertRecord Alert, IReadOnlyList<AlertHistoryRecord> History);
