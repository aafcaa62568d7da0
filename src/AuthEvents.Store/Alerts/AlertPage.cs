namespace AuthEvents.Store.Alerts;

/// <summary>A page of alerts, newest last seen first, with the filter's total.</summary>
public sealed record AlertPage(IReadOnlyList<AlertRow> Rows, int Total);
