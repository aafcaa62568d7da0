namespace AuthEvents.Store.Audit;

/// <summary>The result of checking the chain: intact, or the first row that breaks it and how.</summary>
public sealed record AuditVerification(bool Intact, long Rows, long? FirstBrokenId, string? Problem);
