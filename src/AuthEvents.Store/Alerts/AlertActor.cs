namespace AuthEvents.Store.Alerts;

/// <summary>Who makes a triage change, as the alert's history and the audit trail record them.</summary>
/// <param name="Subject">The user's stable id (<c>sub</c>, as <c>AuditLog.SubjectOf</c>).</param>
/// <param name="Name">The name shown for them.</param>
/// <param name="Roles">Their dashboard roles, comma-separated.</param>
/// <param name="ClientIp">The client's address as the dashboard saw it.</param>
/// <param name="UserAgent">The client's user agent.</param>
public sealed record AlertActor(string Subject, string Name, string Roles, string ClientIp, string UserAgent);
