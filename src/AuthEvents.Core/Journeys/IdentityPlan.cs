namespace AuthEvents.Core.Journeys;

/// <summary>What joining one event's identities changes (see <see cref="IdentityLinking.Plan"/>), for the store to carry out in order.</summary>
/// <param name="RootKey">The person the event's identities join (after <see cref="Links"/> are created, it exists).</param>
/// <param name="Links">Identities to create, in order; a new person's root comes first.</param>
/// <param name="Merges">People to merge into <see cref="RootKey"/>, after the links.</param>
/// <param name="AnchorKey">The identity the event belongs to; its person is that identity's root once the whole batch is joined.</param>
public sealed record IdentityPlan(string RootKey, IReadOnlyList<IdentityLink> Links, IReadOnlyList<PersonMerge> Merges, string AnchorKey);
