using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// How one event's identities join a person, decided without storage: given the event's keys and the roots of the
/// identities already known, it returns the links to create, the people to merge and the identity the event belongs to.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An event with an e-mail joins that e-mail's person. Without one, an e-mail person found through the subject or
/// the session wins; otherwise the subject's person, then the session's; otherwise the subject (or session) becomes a
/// new person.</item>
/// <item>A known identity of another e-mail person stays where it is (the first link wins); a non-e-mail person found
/// through the event is merged into the event's e-mail person.</item>
/// <item>Without an e-mail the event belongs to its own subject, not to the root chosen above, so a session shared by
/// two subjects does not move one subject's events to the other.</item>
/// </list>
/// </remarks>
public static class IdentityLinking
{
    /// <summary>Plans joining <paramref name="keys"/>, or returns null when the event has no identity.</summary>
    /// <param name="keys">The event's keys (<see cref="IdentityKeys.Of"/>).</param>
    /// <param name="source">The provider of the event; recorded on new subject and session identities.</param>
    /// <param name="rootOf">The root of an already-known identity key, or null when the key is new.</param>
    public static IdentityPlan? Plan(EventIdentityKeys keys, EventSource source, Func<string, IdentityRoot?> rootOf)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(rootOf);
        if (keys.IsEmpty)
        {
            return null;
        }

        var planning = new Planning(rootOf);
        IdentityRoot root;
        if (keys.Email is { } email)
        {
            root = planning.RootOf(email) ?? planning.Create(email, IdentityKind.Email, null, null, IdentityEvidence.SameEmail);
        }
        else
        {
            var roots = new[] { keys.Subject, keys.Session }.Select(k => k is null ? null : planning.RootOf(k)).OfType<IdentityRoot>().ToList();
            var first = (keys.Subject ?? keys.Session)!;
            root = roots.FirstOrDefault(r => r.Kind == IdentityKind.Email) ?? roots.FirstOrDefault()
                ?? planning.Create(first, IdentityKeys.KindOf(first), null, source, IdentityEvidence.Unlinked);
        }

        var evidence = keys.Email is null ? IdentityEvidence.SeenWithJoinedIdentity : IdentityEvidence.SeenWithEmail;
        foreach (var key in new[] { keys.Subject, keys.Session })
        {
            if (key is null)
            {
                continue;
            }

            if (planning.RootOf(key) is not { } other)
            {
                planning.Create(key, IdentityKeys.KindOf(key), root, source, evidence);
            }
            else if (other.Key != root.Key && root.Kind == IdentityKind.Email && other.Kind != IdentityKind.Email)
            {
                // The merged-away root itself was seen on this event only when the key is that root.
                planning.Merge(other, root, key == other.Key ? evidence : IdentityEvidence.SeenWithJoinedIdentity);
            }
        }

        return new IdentityPlan(root.Key, planning.Links, planning.Merges, keys.Email ?? (keys.Subject ?? keys.Session)!);
    }

    /// <summary>The known roots as this event's own links and merges leave them.</summary>
    private sealed class Planning(Func<string, IdentityRoot?> known)
    {
        private readonly Dictionary<string, IdentityRoot> _created = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentityRoot> _mergedInto = new(StringComparer.Ordinal);

        public List<IdentityLink> Links { get; } = [];

        public List<PersonMerge> Merges { get; } = [];

        public IdentityRoot? RootOf(string key)
        {
            var root = _created.TryGetValue(key, out var created) ? created : known(key);
            return root is not null && _mergedInto.TryGetValue(root.Key, out var into) ? into : root;
        }

        public IdentityRoot Create(string key, IdentityKind kind, IdentityRoot? root, EventSource? source, IdentityEvidence evidence)
        {
            Links.Add(new IdentityLink(key, kind, root?.Key, source, evidence));
            root ??= new IdentityRoot(key, kind);
            _created[key] = root;
            return root;
        }

        public void Merge(IdentityRoot from, IdentityRoot into, IdentityEvidence evidence)
        {
            Merges.Add(new PersonMerge(from.Key, into.Key, evidence));
            _mergedInto[from.Key] = into;
        }
    }
}
