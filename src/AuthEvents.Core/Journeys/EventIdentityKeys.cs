namespace AuthEvents.Core.Journeys;

/// <summary>The identity keys one event carries (see <see cref="IdentityKeys.Of"/>); any of them may be missing.</summary>
/// <param name="Email">The keyed e-mail hash, when the event carries an e-mail.</param>
/// <param name="Subject">The provider subject's key, where the subject is the person the event is about.</param>
/// <param name="Session">The provider session's key.</param>
public sealed record EventIdentityKeys(string? Email, string? Subject, string? Session)
{
    /// <summary>True when the event carries no identity at all, so it joins no person.</summary>
    public bool IsEmpty => Email is null && Subject is null && Session is null;
}
