using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Core.Entrust;

/// <summary>Normalizes Entrust Identity as a Service webhook envelopes: <c>{id, type, accountId, eventTime, data}</c>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Key: <c>accountId</c> (empty when absent) and <c>id</c>. Time: <c>eventTime</c>, ISO 8601 with or without milliseconds.</item>
/// <item>Milestone and outcome follow from <c>type</c> and, for <c>authentication.failed</c>, the <c>token</c>
/// (<see cref="MilestoneCatalog"/>). A failed authentication carries one reason, field <c>token</c> with the token
/// as its code (<c>unknown</c> when none was reported).</item>
/// <item>Subject: <c>data.subject</c>. On authentication events that is the person signing in, and the person key is the
/// keyed hash of <c>subjectName</c> when it is an e-mail address, else <c>entrust:</c> plus the subject. The same holds
/// for self-service events (a user registering or removing their own passkey, grid card, face biometric or question):
/// no <c>entityAttributes.userId</c>/<c>email</c>, no <c>subscriberAdminRoleName</c>, and an <c>entityType</c> other than
/// <c>USERS</c> (or the subject's own user as <c>entityId</c>); their <c>entityId</c> is the authenticator's id, kept
/// as an attribute. On user and administration events <c>subject</c> is the administrator who acted, so the person key
/// follows the affected user instead: the keyed hash of <c>entityAttributes.email</c>, else <c>entrust:</c> plus
/// <c>entityAttributes.userId</c>, <c>entityId</c> or, last, the subject.</item>
/// <item>Names and e-mail addresses (<c>subjectName</c>, <c>entityName</c>, <c>entityAttributes.firstName</c>/<c>lastName</c>/<c>email</c>)
/// are never kept in clear; <c>subjectName</c> is kept masked as the <c>subjectNameMasked</c> attribute.</item>
/// </list>
/// </remarks>
public sealed class EntrustNormalizer : JsonEventNormalizer
{
    private const string AuthenticationPrefix = "authentication.";
    private const string UsersEntityType = "USERS";

    private static readonly string[] DataAttributeFields =
        ["resourceName", "subjectType", "entityType", "entityId", "subscriberAdminRoleName"];

    /// <summary>Creates the normalizer.</summary>
    /// <param name="hasher">Keyed hashing for e-mail addresses.</param>
    public EntrustNormalizer(LinkingHasher hasher)
        : base(hasher)
    {
    }

    /// <inheritdoc />
    public override EventSource Source => EventSource.Entrust;

    /// <inheritdoc />
    protected override InboxKey? ReadKeyFrom(JsonElement root) => TryReadKey(root, out var key, out _) ? key : null;

    private static bool TryReadKey(JsonElement root, out InboxKey key, out string? error)
    {
        key = default;
        if (!JsonFields.TryRequireString(root, "id", "id", out var id, out error))
        {
            return false;
        }

        key = new InboxKey(JsonFields.String(root, "accountId") ?? "", id);
        return true;
    }

    /// <summary>
    /// True when the subject acted on their own account or authenticator (a passkey, grid card, face biometric or
    /// question they registered, changed or removed): the event names no affected user and no administrator role, and
    /// its entity is not a user other than the subject.
    /// </summary>
    private static bool IsSelfService(JsonElement data, JsonElement entity, string? subject)
    {
        if (subject is null
            || JsonFields.String(entity, "userId") is not null
            || JsonFields.String(entity, "email") is not null
            || JsonFields.String(data, "subscriberAdminRoleName") is not null)
        {
            return false;
        }

        return !string.Equals(JsonFields.String(data, "entityType"), UsersEntityType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(JsonFields.String(data, "entityId"), subject, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    protected override NormalizationResult Normalize(JsonElement root, DateTimeOffset receivedAt)
    {
        if (!TryReadKey(root, out var key, out var error)
            || !JsonFields.TryRequireString(root, "type", "type", out var type, out error)
            || !JsonFields.TryRequire(root, "eventTime", "eventTime", out var eventTime, out error)
            || !EventTimes.TryFromIso8601(eventTime, "eventTime", out var occurredAt, out error))
        {
            return NormalizationResult.Rejected(error!);
        }

        var data = JsonFields.Object(root, "data");
        var entity = JsonFields.Object(data, "entityAttributes");
        var token = JsonFields.String(data, "token");
        var isAuthentication = type.StartsWith(AuthenticationPrefix, StringComparison.Ordinal);

        var entry = MilestoneCatalog.Resolve(Source, type, isAuthentication ? token ?? MilestoneCatalog.AbsentContext : null);
        var outcome = entry.DefaultOutcome;
        List<FailureReason> reasons = outcome == Outcome.Failure && isAuthentication
            ? [FailureReasonCatalog.Create(Source, "token", token ?? "unknown", type)]
            : [];

        var subject = JsonFields.String(data, "subject");
        var subjectName = JsonFields.String(data, "subjectName");
        string? email;
        string? localKey;
        if (isAuthentication || IsSelfService(data, entity, subject))
        {
            email = subjectName is not null && subjectName.Contains('@', StringComparison.Ordinal) ? subjectName : null;
            localKey = subject;
        }
        else
        {
            email = JsonFields.String(entity, "email");
            localKey = JsonFields.String(entity, "userId") ?? JsonFields.String(data, "entityId") ?? subject;
        }

        var attributes = new AttributeBag();
        attributes.CopyScalars(data, DataAttributeFields);
        attributes.Add("subjectNameMasked", Masking.MaskName(subjectName));
        attributes.Add("registrationRequired", JsonFields.ScalarText(entity, "registrationRequired"));

        return NormalizationResult.Accepted(new AuthEvent
        {
            Source = Source,
            Tenant = key.Tenant,
            ProviderEventId = key.ProviderEventId,
            EventType = type,
            Milestone = entry.Milestone,
            Step = entry.Step,
            Outcome = outcome,
            FailureReasons = reasons,
            SubjectKey = subject,
            PersonKey = Hasher.HashEmail(email) ?? (localKey is null ? null : "entrust:" + localKey),
            EmailMasked = Masking.MaskEmail(email),
            Ip = JsonFields.String(data, "sourceIp"),
            Authenticator = token,
            OccurredAt = occurredAt,
            ReceivedAt = NormalizerRunner.Utc(receivedAt),
            Attributes = attributes.ToDictionary(),
        });
    }
}
