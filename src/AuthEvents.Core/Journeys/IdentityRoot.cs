namespace AuthEvents.Core.Journeys;

/// <summary>A person as an identity key resolves to it: the key and kind of the identity the person is rooted at.</summary>
/// <param name="Key">The root identity's key.</param>
/// <param name="Kind">The root identity's kind; an <see cref="IdentityKind.Email"/> root is never merged away.</param>
public sealed record IdentityRoot(string Key, IdentityKind Kind);
