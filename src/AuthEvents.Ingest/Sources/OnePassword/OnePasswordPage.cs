namespace AuthEvents.Ingest.Sources.OnePassword;

/// <summary>One page of sign-in attempts: the items as raw JSON text, and the cursor that follows them.</summary>
public sealed record OnePasswordPage(string Cursor, bool HasMore, IReadOnlyList<string> Items);
