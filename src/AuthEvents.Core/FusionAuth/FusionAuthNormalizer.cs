using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Core.FusionAuth;

/// <summary>Normalizes FusionAuth webhook bodies: <c>{"event": {id, type, createInstant, tenantId, user, info, ...}}</c>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Key: <c>event.tenantId</c> (empty when absent) and <c>event.id</c>. Time: <c>event.createInstant</c>, epoch milliseconds.</item>
/// <item>Milestone and outcome follow from <c>event.type</c> (<see cref="MilestoneCatalog"/>). Failures carry one reason:
/// <c>user.login.failed</c> field <c>reason</c> with <c>reason.code</c> (<c>credentials</c> before 1.53, which had no reason);
/// <c>user.two-factor.failed.attempt</c> field <c>method</c> with the method; <c>user.password.breach</c> field
/// <c>password</c> code <c>breached</c>.</item>
/// <item>From the full user profile FusionAuth sends, only <c>id</c>, <c>email</c> (as a keyed hash and masked) and the
/// <c>active</c>/<c>verified</c>/<c>twoFactorEnabled</c> flags are kept. Birth date, names, user name, phone numbers,
/// <c>data</c>, registrations, memberships, two-factor methods and image URL are dropped. The phone of the method a
/// method event adds or removes is kept only as its region (<c>phone_region</c>, <see cref="PhoneRegions.Of"/>; numbers
/// without a calling code give none).</item>
/// <item>Subject: <c>user.id</c>, else <c>linkedObjectId</c>. Person: keyed hash of <c>user.email</c>, else
/// <c>fusionauth:</c> plus the subject.</item>
/// <item>Where: <c>info.ipAddress</c>, else the deprecated <c>event.ipAddress</c>; <c>info.location</c>; <c>info.userAgent</c>.</item>
/// <item>Authenticator: <c>method</c> on two-factor events (a string, or the <c>method</c> of a method object), else <c>authenticationType</c>.</item>
/// </list>
/// </remarks>
public sealed class FusionAuthNormalizer : JsonEventNormalizer
{
    private const string TwoFactorPrefix = "user.two-factor.";

    private static readonly string[] EventAttributeFields =
        ["applicationId", "clientRisk", "messageType", "authenticationType", "connectorId", "identityProviderId", "identityProviderName"];

    private static readonly string[] InfoAttributeFields = ["deviceName", "deviceType", "os"];

    private static readonly string[] UserFlagFields = ["active", "verified", "twoFactorEnabled"];

    /// <summary>Creates the normalizer.</summary>
    /// <param name="hasher">Keyed hashing for e-mail addresses.</param>
    public FusionAuthNormalizer(LinkingHasher hasher)
        : base(hasher)
    {
    }

    /// <inheritdoc />
    public override EventSource Source => EventSource.FusionAuth;

    /// <inheritdoc />
    protected override InboxKey? ReadKeyFrom(JsonElement root) => TryReadKey(root, out var key, out _, out _) ? key : null;

    private static bool TryReadKey(JsonElement root, out InboxKey key, out JsonElement body, out string? error)
    {
        key = default;
        if (!JsonFields.TryRequireObject(root, "event", "event", out body, out error)
            || !JsonFields.TryRequireString(body, "id", "event.id", out var id, out error))
        {
            return false;
        }

        key = new InboxKey(JsonFields.String(body, "tenantId") ?? "", id);
        return true;
    }

    /// <inheritdoc />
    protected override NormalizationResult Normalize(JsonElement root, DateTimeOffset receivedAt)
    {
        if (!TryReadKey(root, out var key, out var body, out var error)
            || !JsonFields.TryRequireString(body, "type", "event.type", out var type, out error)
            || !JsonFields.TryRequire(body, "createInstant", "event.createInstant", out var createInstant, out error)
            || !EventTimes.TryFromEpochMilliseconds(createInstant, "event.createInstant", out var occurredAt, out error))
        {
            return NormalizationResult.Rejected(error!);
        }

        var entry = MilestoneCatalog.Resolve(Source, type);
        var outcome = entry.DefaultOutcome;
        var method = ReadMethod(body);

        var user = JsonFields.Object(body, "user");
        var email = JsonFields.String(user, "email");
        var subject = JsonFields.String(user, "id") ?? JsonFields.String(body, "linkedObjectId");
        var info = JsonFields.Object(body, "info");
        var location = JsonFields.Object(info, "location");

        var attributes = new AttributeBag();
        attributes.CopyScalars(body, EventAttributeFields);
        attributes.CopyScalars(info, InfoAttributeFields);
        attributes.Add("threatsDetected", JsonFields.JoinedStrings(body, "threatsDetected"));
        attributes.CopyScalars(user, UserFlagFields, "user.");
        attributes.Add("location.region", JsonFields.String(location, "region"));
        attributes.Add("phone_region", PhoneRegions.Of(JsonFields.String(JsonFields.Object(body, "method"), "mobilePhone"), null));

        return NormalizationResult.Accepted(new AuthEvent
        {
            Source = Source,
            Tenant = key.Tenant,
            ProviderEventId = key.ProviderEventId,
            EventType = type,
            Milestone = entry.Milestone,
            Step = entry.Step,
            Outcome = outcome,
            FailureReasons = outcome == Outcome.Failure ? ReadFailureReasons(body, type, method) : [],
            SubjectKey = subject,
            PersonKey = Hasher.HashEmail(email) ?? (subject is null ? null : "fusionauth:" + subject),
            EmailMasked = Masking.MaskEmail(email),
            Ip = JsonFields.String(info, "ipAddress") ?? JsonFields.String(body, "ipAddress"),
            Country = JsonFields.String(location, "country"),
            City = JsonFields.String(location, "city"),
            Latitude = JsonFields.Double(location, "latitude"),
            Longitude = JsonFields.Double(location, "longitude"),
            UserAgent = JsonFields.String(info, "userAgent"),
            Authenticator = type.StartsWith(TwoFactorPrefix, StringComparison.Ordinal)
                ? method
                : JsonFields.String(body, "authenticationType"),
            OccurredAt = occurredAt,
            ReceivedAt = NormalizerRunner.Utc(receivedAt),
            Attributes = attributes.ToDictionary(),
        });
    }

    /// <summary>The two-factor method: a string on challenge/success/failed events, an object (whose phone or e-mail is not read) on method events.</summary>
    private static string? ReadMethod(JsonElement body) =>
        JsonFields.String(body, "method") ?? JsonFields.String(JsonFields.Object(body, "method"), "method");

    private List<FailureReason> ReadFailureReasons(JsonElement body, string type, string? method) => type switch
    {
        "user.login.failed" => [FailureReasonCatalog.Create(Source, "reason", JsonFields.String(JsonFields.Object(body, "reason"), "code") ?? "credentials", type)],
        "user.two-factor.failed.attempt" => [FailureReasonCatalog.Create(Source, "method", method ?? "unknown", type)],
        "user.password.breach" => [FailureReasonCatalog.Create(Source, "password", "breached", type)],
        _ => [],
    };
}
