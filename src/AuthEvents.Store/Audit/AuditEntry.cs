namespace AuthEvents.Store.Audit;

/// <summary>What is appended to the audit trail; the time and the chain hash are the trail's own.</summary>
/// <param name="Subject">The user's stable id at the provider (<c>sub</c>).</param>
/// <param name="UserName">The name shown for them.</param>
/// <param name="Roles">Their dashboard roles at the time, comma-separated.</param>
/// <param name="Action">What happened, one of <see cref="AuditActions"/>.</param>
/// <param name="Target">What it happened to: a path, a person or session key, a filter.</param>
/// <param name="Detail">Anything else worth keeping (a row count, the role that was missing).</param>
/// <param name="ClientIp">The client's address as the dashboard saw it.</param>
/// <param name="UserAgent">The client's user agent, cut to 256 characters.</param>
public sealed record AuditEntry(string Subject, string UserName, string Roles, string Action, string Target, string Detail, string ClientIp, string UserAgent);
