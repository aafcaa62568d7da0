using System.Text;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Core.OnePassword;

/// <summary>Normalizes 1Password Events API sign-in attempts (one <c>SignInAttempt</c> item, v1 or v2).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Key: <c>account_uuid</c> (v2, MSP accounts only; empty otherwise) and <c>uuid</c>, a 26-character base32
/// string kept as text (it is not a GUID).</item>
/// <item>Time: <c>timestamp</c>, RFC 3339 with any offset and fraction, converted to UTC.</item>
/// <item>The event type is the <c>category</c>, an open string; the milestone and outcome follow from it
/// (<see cref="MilestoneCatalog"/>). A failure carries one reason, field <c>type</c> with the raw <c>type</c> as its code.
/// The <c>type</c> is also kept as an attribute, since it explains report-only firewall events too.</item>
/// <item>The authenticator is derived from <c>type</c>: <c>totp</c>, <c>u2f</c>, <c>duo</c>, <c>code</c>, <c>password</c>
/// (account password), <c>credentials</c> (other secrets), <c>mfa</c>, <c>federated</c> (SSO).</item>
/// <item>Person: the keyed hash of <c>target_user.email</c>, else <c>onepassword:</c> plus <c>target_user.uuid</c>.
/// The user's name and clear e-mail are never kept.</item>
/// <item>Place: <c>location</c> (country, city, coordinates), falling back to the top-level <c>country</c>.
/// The user agent is composed from the client app, platform and OS.</item>
/// </list>
/// </remarks>
public sealed class OnePasswordNormalizer : JsonEventNormalizer
{
    private static readonly string[] ClientAttributeFields =
        ["app_name", "app_version", "platform_name", "platform_version", "os_name", "os_version"];

    /// <summary>Creates the normalizer.</summary>
    /// <param name="hasher">Keyed hashing for e-mail addresses.</param>
    public OnePasswordNormalizer(LinkingHasher hasher)
        : base(hasher)
    {
    }

    /// <inheritdoc />
    public override EventSource Source => EventSource.OnePassword;

    /// <inheritdoc />
    protected override InboxKey? ReadKeyFrom(JsonElement root) => TryReadKey(root, out var key, out _) ? key : null;

    private static bool TryReadKey(JsonElement root, out InboxKey key, out string? error)
    {
        key = default;
        if (!JsonFields.TryRequireString(root, "uuid", "uuid", out var uuid, out error))
        {
            return false;
        }

        key = new InboxKey(JsonFields.String(root, "account_uuid") ?? "", uuid);
        return true;
    }

    /// <inheritdoc />
    protected override NormalizationResult Normalize(JsonElement root, DateTimeOffset receivedAt)
    {
        if (!TryReadKey(root, out var key, out var error)
            || !JsonFields.TryRequire(root, "timestamp", "timestamp", out var timestamp, out error)
            || !EventTimes.TryFromIso8601(timestamp, "timestamp", out var occurredAt, out error)
            || !JsonFields.TryRequireString(root, "category", "category", out var category, out error))
        {
            return NormalizationResult.Rejected(error!);
        }

        var type = JsonFields.String(root, "type");
        var entry = MilestoneCatalog.Resolve(Source, category);
        var outcome = entry.DefaultOutcome;
        List<FailureReason> reasons = outcome == Outcome.Failure
            ? [FailureReasonCatalog.Create(Source, "type", type ?? "unknown", category)]
            : [];

        var user = JsonFields.Object(root, "target_user");
        var userUuid = JsonFields.String(user, "uuid");
        var email = JsonFields.String(user, "email");
        var client = JsonFields.Object(root, "client");
        var location = JsonFields.Object(root, "location");

        var attributes = new AttributeBag();
        attributes.Add("type", type);
        attributes.CopyScalars(client, ClientAttributeFields, "client.");
        attributes.Add("details.value", JsonFields.ScalarText(JsonFields.Object(root, "details"), "value"));
        attributes.Add("target_user.user_type", JsonFields.String(user, "user_type"));
        attributes.Add("location.region", JsonFields.String(location, "region"));

        return NormalizationResult.Accepted(new AuthEvent
        {
            Source = Source,
            Tenant = key.Tenant,
            ProviderEventId = key.ProviderEventId,
            EventType = category,
            Milestone = entry.Milestone,
            Step = entry.Step,
            Outcome = outcome,
            FailureReasons = reasons,
            SubjectKey = userUuid,
            PersonKey = Hasher.HashEmail(email) ?? (userUuid is null ? null : "onepassword:" + userUuid),
            EmailMasked = Masking.MaskEmail(email),
            SessionKey = JsonFields.String(root, "session_uuid"),
            Ip = JsonFields.String(client, "ip_address"),
            Country = JsonFields.String(location, "country") ?? JsonFields.String(root, "country"),
            City = JsonFields.String(location, "city"),
            Latitude = JsonFields.Double(location, "latitude"),
            Longitude = JsonFields.Double(location, "longitude"),
            UserAgent = ComposeUserAgent(client),
            Authenticator = AuthenticatorOf(type),
            OccurredAt = occurredAt,
            ReceivedAt = NormalizerRunner.Utc(receivedAt),
            Attributes = attributes.ToDictionary(),
        });
    }

    /// <summary><c>1Password for Web/1980 (Firefox 144.0; MacOSX 15.1)</c>, leaving out the parts that are missing.</summary>
    private static string? ComposeUserAgent(JsonElement client)
    {
        var app = Join("/", JsonFields.String(client, "app_name"), JsonFields.String(client, "app_version"));
        var platform = Join(" ", JsonFields.String(client, "platform_name"), JsonFields.String(client, "platform_version"));
        var os = Join(" ", JsonFields.String(client, "os_name"), JsonFields.String(client, "os_version"));
        var details = Join("; ", platform, os);

        var text = new StringBuilder();
        text.Append(app);
        if (details is not null)
        {
            text.Append(text.Length == 0 ? "(" : " (").Append(details).Append(')');
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private static string? Join(string separator, string? first, string? second) =>
        first is null ? second : second is null ? first : first + separator + second;

    private static string? AuthenticatorOf(string? type)
    {
        if (type is null)
        {
            return null;
        }

        if (type is "password_secret_bad")
        {
            return "password";
        }

        if (type is "credentials_ok" || type.StartsWith("platform_secret_", StringComparison.Ordinal))
        {
            return "credentials";
        }

        if (type is "mfa_ok" or "mfa_missing")
        {
            return "mfa";
        }

        if (type is "federated" or "non_sso_user" or "service_account_sso_denied" or "sso_user_mismatch")
        {
            return "federated";
        }

        foreach (var prefix in (ReadOnlySpan<string>)["totp", "u2f", "duo", "code"])
        {
            if (type.StartsWith(prefix + "_", StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return null;
    }
}
