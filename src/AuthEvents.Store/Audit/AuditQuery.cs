namespace AuthEvents.Store.Audit;

/// <summary>Which audit rows to read; every part optional.</summary>
/// <param name="From">The first instant included.</param>
/// <param name="To">The first instant after the range.</param>
/// <param name="User">A subject or a name, matched exactly.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
public sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? User = null, string? Action = null);
