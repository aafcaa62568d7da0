namespace AuthEvents.Store.Queries;

/// <summary>A canonical failure reason with its count and the providers' raw codes counted under it, most frequent first.</summary>
public sealed record ReasonGroup(string Canonical, long Count, IReadOnlyList<ReasonCodeCount> Codes);
