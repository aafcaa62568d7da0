using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>A new identity to record: either a new person's root or an identity joined to an existing root.</summary>
/// <param name="Key">The identity key.</param>
/// <param name="Kind">What the key stands for.</param>
/// <param name="RootKey">The root it joins, or null when it is a new person's root.</param>
/// <param name="Source">The provider it came from; null for e-mail identities, which belong to no provider.</param>
/// <param name="Evidence">Why it joins its root.</param>
public sealed record IdentityLink(string Key, IdentityKind Kind, string? RootKey, EventSource? Source, IdentityEvidence Evidence);
