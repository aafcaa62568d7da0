namespace AuthEvents.Store.Alerts;

/// <summary>An alert's stored row with its history, oldest change first (what triage reads back).</summary>
public sealed record AlertWithHistory(AlertRecord Alert, IReadOnlyList<AlertHistoryRecord> History);
