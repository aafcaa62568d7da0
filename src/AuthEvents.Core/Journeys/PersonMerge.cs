namespace AuthEvents.Core.Journeys;

/// <summary>Two people found to be one: everything rooted at <paramref name="FromRoot"/> moves to <paramref name="IntoRoot"/>.</summary>
/// <param name="FromRoot">The key of the person merged away (never an e-mail person).</param>
/// <param name="IntoRoot">The key of the e-mail person it joins.</param>
/// <param name="Evidence">The evidence recorded on the merged-away root's link.</param>
public sealed record PersonMerge(string FromRoot, string IntoRoot, IdentityEvidence Evidence);
