using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// The identity keys of an event, as the store joins them into people. A person is rooted at the keyed hash of a
/// normalized e-mail address where one is known; the provider subject and the session seen with it are joined to
/// it, so that events that carry no e-mail (Login.gov MFA, proofing and registration steps) land on the same person.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A subject key is only formed where the provider's subject is the person the event is about: always for
/// Login.gov, 1Password and FusionAuth, and only for <c>authentication.*</c> events of Entrust, whose user and
/// administration events carry the acting administrator as subject. The key is the same as the normalizers' fallback
/// person key (<c>logingov:</c> + <c>user_uuid</c>, …), so events without an e-mail join their subject.</item>
/// <item>The first link wins: a subject or session seen later with a different e-mail stays with the first person.</item>
/// </list>
/// </remarks>
public static class IdentityKeys
{
    /// <summary>The prefix of keyed e-mail hashes (see <see cref="Privacy.LinkingHasher.HashEmail"/>).</summary>
    public const string EmailPrefix = "email:";

    /// <summary>The prefix of session identity keys.</summary>
    public const string SessionPrefix = "session:";

    /// <summary>True when <paramref name="key"/> is a keyed e-mail hash.</summary>
    public static bool IsEmail(string? key) => key is not null && key.StartsWith(EmailPrefix, StringComparison.Ordinal);

    /// <summary>The identity keys of an event, from its normalized person, subject and session values.</summary>
    /// <remarks>Without an e-mail the person key is the normalizers' fallback, the subject's own key, so it is taken as the subject.</remarks>
    public static EventIdentityKeys Of(EventSource source, string eventType, string? personKey, string? subjectKey, string? sessionKey)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        var person = string.IsNullOrEmpty(personKey) ? null : personKey;
        var email = IsEmail(person) ? person : null;
        var subject = email is null ? person : Subject(source, eventType, subjectKey);
        return new EventIdentityKeys(email, subject, Session(source, sessionKey));
    }

    /// <summary>The kind of a person or identity key.</summary>
    public static IdentityKind KindOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsEmail(key) ? IdentityKind.Email
            : key.StartsWith(SessionPrefix, StringComparison.Ordinal) ? IdentityKind.Session
            : IdentityKind.Subject;
    }

    /// <summary>The identity key of a provider session, or null without one.</summary>
    public static string? Session(EventSource source, string? sessionKey) =>
        string.IsNullOrEmpty(sessionKey) ? null : SessionPrefix + source + ":" + sessionKey;

    /// <summary>The subject's identity key, where the provider's subject is the person the event is about; otherwise null.</summary>
    public static string? Subject(EventSource source, string eventType, string? subjectKey)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (string.IsNullOrEmpty(subjectKey))
        {
            return null;
        }

        return source switch
        {
            EventSource.LoginGov => "logingov:" + subjectKey,
            EventSource.OnePassword => "onepassword:" + subjectKey,
            EventSource.FusionAuth => "fusionauth:" + subjectKey,
            EventSource.Entrust when eventType.StartsWith("authentication.", StringComparison.Ordinal) => "entrust:" + subjectKey,
            _ => null,
        };
    }

    /// <summary>The provider a subject or session key belongs to, or null for e-mail keys and unknown prefixes.</summary>
    public static EventSource? SourceOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith(SessionPrefix, StringComparison.Ordinal))
        {
            var rest = key[SessionPrefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && Enum.TryParse<EventSource>(rest[..colon], out var source) ? source : null;
        }

        var prefix = key.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? key[..i] : "";
        return prefix switch
        {
            "logingov" => EventSource.LoginGov,
            "onepassword" => EventSource.OnePassword,
            "fusionauth" => EventSource.FusionAuth,
            "entrust" => EventSource.Entrust,
            _ => null,
        };
    }

    /// <summary>The provider's own value behind a subject or session key (the part after the prefix).</summary>
    public static string LocalValue(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith(SessionPrefix, StringComparison.Ordinal))
        {
            var rest = key[SessionPrefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? rest[(colon + 1)..] : rest;
        }

        var i = key.IndexOf(':', StringComparison.Ordinal);
        return i >= 0 ? key[(i + 1)..] : key;
    }
}
