namespace AuthEvents.Core.Journeys;

/// <summary>Why an identity was joined into a person.</summary>
public enum IdentityEvidence
{
    /// <summary>The identity is the person: the keyed hash of their normalized e-mail address.</summary>
    SameEmail = 1,

    /// <summary>It appeared on an event that carried the person's e-mail address (same normalized e-mail, keyed hash).</summary>
    SeenWithEmail = 2,

    /// <summary>It appeared on an event together with another identity already joined into the person (a subject in the person's session, a session of the person's subject).</summary>
    SeenWithJoinedIdentity = 3,

    /// <summary>Nothing joined it to anyone yet: the identity stands for itself.</summary>
    Unlinked = 4,
}
