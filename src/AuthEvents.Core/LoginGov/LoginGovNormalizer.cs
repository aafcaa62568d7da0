using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// Normalizes decrypted Login.gov Attempts API Security Event Tokens:
/// <c>{jti, iat, iss, aud, events: {"https://schemas.login.gov/secevent/attempts-api/event-type/&lt;name&gt;": {...}}}</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Key: <c>aud</c> (tenant; the first entry when it is an array, empty when absent) and <c>jti</c>. Login.gov
/// replays historical events under their original <c>jti</c> to other service providers, hence the audience scope.</item>
/// <item><c>events</c> must hold exactly one member; the event type is the last path segment of its URI.</item>
/// <item>Time: <c>occurred_at</c> inside the event, epoch seconds (float, or integer for historical events);
/// <c>iat</c> is not a fallback: a SET without <c>occurred_at</c> is rejected.</item>
/// <item>Both spellings are read for the fields where the seed spec and the code differ: <c>user_agent</c>/<c>useragent_string</c>,
/// <c>device_id</c>/<c>device_fingerprint</c>, <c>otp_delivery_method</c>/<c>opt_delivery_method</c>,
/// <c>limiter_type</c>/<c>rate_limit_type</c>, <c>phone_number</c>/<c>phone</c> (and <c>ssn</c>/<c>social_security</c>, which are never read).</item>
/// <item>Outcome: a rate-limit type is <see cref="Outcome.RateLimited"/>; otherwise <c>success</c> decides; without it,
/// the catalog's default (<see cref="MilestoneCatalog"/>).</item>
/// <item>Every failure carries a reason: one per code in <c>failure_reason</c> (<c>{field: [codes]}</c>; a scalar value counts
/// as one code, a nested object's members are read as <c>field.member</c>). A failed <c>login-email-and-password-auth</c>
/// without one gets <c>credentials</c>/<c>success_false</c>; any other failure without one gets <c>success</c>/<c>false</c>.</item>
/// <item>Person: the keyed hash of <c>email</c> when the event has one, else <c>logingov:</c> plus <c>user_uuid</c>.</item>
/// <item>Identity-proofing data (SSN, date of birth, names, address, document numbers and dates, image ids and keys),
/// phone numbers, e-mail addresses, device ids and analytics cookies are never copied: only the whitelisted attributes are.
/// A phone number is kept as its keyed hash, its last two digits (<c>phone_masked</c>) and its region
/// (<c>phone_region</c>, <see cref="PhoneRegions.Of"/>, <c>US</c> when written without a calling code).</item>
/// </list>
/// </remarks>
public sealed class LoginGovNormalizer : JsonEventNormalizer
{
    /// <summary>The URI prefix of Login.gov Attempts API event types.</summary>
    public const string EventTypeUriPrefix = "https://schemas.login.gov/secevent/attempts-api/event-type/";

    private const string LoginPasswordEvent = "login-email-and-password-auth";

    // Login.gov serves the United States: a number without a calling code is a US number.
    private const string LoginGovDefaultRegion = "US";

    // Non-sensitive event fields copied to attributes under their own names.
    private static readonly string[] AttributeFields =
    [
        "language", "aws_region", "application_url", "reauthentication", "mfa_device_type",
        "liveness_checking_required", "address_edited", "resend", "reproof", "email_already_registered",
    ];

    /// <summary>Creates the normalizer.</summary>
    /// <param name="hasher">Keyed hashing for e-mail addresses, phone numbers and device ids.</param>
    public LoginGovNormalizer(LinkingHasher hasher)
        : base(hasher)
    {
    }

    /// <inheritdoc />
    public override EventSource Source => EventSource.LoginGov;

    /// <inheritdoc />
    protected override InboxKey? ReadKeyFrom(JsonElement root) => TryReadKey(root, out var key, out _) ? key : null;

    private static bool TryReadKey(JsonElement root, out InboxKey key, out string? error)
    {
        key = default;
        if (!JsonFields.TryRequireString(root, "jti", "jti", out var jti, out error))
        {
            return false;
        }

        key = new InboxKey(ReadAudience(root), jti);
        return true;
    }

    private static string ReadAudience(JsonElement root)
    {
        if (JsonFields.TryGet(root, "aud", out var aud) && aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                {
                    return item.GetString()!;
                }
            }

            return "";
        }

        return JsonFields.String(root, "aud") ?? "";
    }

    private static bool TryReadEvent(JsonElement root, out string eventType, out JsonElement data, out string? error)
    {
        eventType = "";
        data = default;
        if (!JsonFields.TryRequireObject(root, "events", "events", out var events, out error))
        {
            return false;
        }

        var count = 0;
        string? uri = null;
        foreach (var member in events.EnumerateObject())
        {
            count++;
            uri = member.Name;
            data = member.Value;
        }

        if (count != 1)
        {
            error = "field 'events' must hold exactly one member, found " + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return false;
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            error = "the event data in 'events' is not an object";
            return false;
        }

        var trimmed = uri!.Trim().TrimEnd('/');
        eventType = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        if (eventType.Length == 0)
        {
            error = "the event type URI in 'events' has no name";
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    protected override NormalizationResult Normalize(JsonElement root, DateTimeOffset receivedAt)
    {
        if (!TryReadKey(root, out var key, out var error)
            || !TryReadEvent(root, out var eventType, out var data, out error)
            || !JsonFields.TryRequire(data, "occurred_at", "occurred_at", out var occurredValue, out error)
            || !EventTimes.TryFromEpochSeconds(occurredValue, "occurred_at", out var occurredAt, out error))
        {
            return NormalizationResult.Rejected(error!);
        }

        var limiter = JsonFields.String(data, "limiter_type", "rate_limit_type");
        var entry = MilestoneCatalog.Resolve(Source, eventType, limiter);
        var outcome = entry.DefaultOutcome == Outcome.RateLimited
            ? Outcome.RateLimited
            : JsonFields.Bool(data, "success") switch
            {
                true => Outcome.Success,
                false => Outcome.Failure,
                null => entry.DefaultOutcome,
            };

        var userUuid = JsonFields.String(data, "user_uuid");
        var email = JsonFields.String(data, "email");
        var phone = JsonFields.String(data, "phone_number", "phone");
        var otpDelivery = JsonFields.String(data, "otp_delivery_method", "opt_delivery_method");
        var mfaDeviceType = JsonFields.String(data, "mfa_device_type");
        var subject = JsonFields.Object(data, "subject");
        var spSessionId = JsonFields.String(subject, "session_id");

        var attributes = new AttributeBag();
        attributes.Add("iss", JsonFields.String(root, "iss"));
        attributes.CopyScalars(data, AttributeFields);
        attributes.Add("otp_delivery_method", otpDelivery);
        attributes.Add("limiter_type", limiter);
        attributes.Add("sp_session_id", spSessionId);
        attributes.Add("phone_masked", Masking.MaskPhone(phone));
        attributes.Add("phone_region", PhoneRegions.Of(phone, LoginGovDefaultRegion));

        return NormalizationResult.Accepted(new AuthEvent
        {
            Source = Source,
            Tenant = key.Tenant,
            ProviderEventId = key.ProviderEventId,
            EventType = eventType,
            Milestone = entry.Milestone,
            Step = entry.Step,
            Outcome = outcome,
            FailureReasons = ReadFailureReasons(data, eventType, outcome, limiter),
            SubjectKey = userUuid,
            PersonKey = Hasher.HashEmail(email) ?? (userUuid is null ? null : "logingov:" + userUuid),
            EmailMasked = Masking.MaskEmail(email),
            SessionKey = JsonFields.String(data, "unique_session_id") ?? spSessionId,
            Ip = JsonFields.String(data, "user_ip_address"),
            UserAgent = JsonFields.String(data, "user_agent", "useragent_string"),
            DeviceKey = Hasher.Hash("device", JsonFields.String(data, "device_id", "device_fingerprint")),
            Authenticator = mfaDeviceType ?? otpDelivery,
            PhoneHash = Hasher.HashPhone(phone),
            OccurredAt = occurredAt,
            ReceivedAt = NormalizerRunner.Utc(receivedAt),
            Attributes = attributes.ToDictionary(),
        });
    }

    private List<FailureReason> ReadFailureReasons(JsonElement data, string eventType, Outcome outcome, string? limiter)
    {
        var reasons = new List<FailureReason>();
        if (outcome == Outcome.RateLimited)
        {
            reasons.Add(FailureReasonCatalog.Create(Source, "rate_limit", limiter ?? eventType, eventType));
            return reasons;
        }

        if (outcome != Outcome.Failure)
        {
            return reasons;
        }

        if (JsonFields.TryGet(data, "failure_reason", out var failureReason))
        {
            if (failureReason.ValueKind == JsonValueKind.Object)
            {
                AddReasons(reasons, failureReason, "", eventType);
            }
            else
            {
                AddCodes(reasons, "failure_reason", failureReason, eventType);
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add(string.Equals(eventType, LoginPasswordEvent, StringComparison.Ordinal)
                ? FailureReasonCatalog.Create(Source, "credentials", "success_false", eventType)
                : FailureReasonCatalog.Create(Source, "success", "false", eventType));
        }

        return reasons;
    }

    private void AddReasons(List<FailureReason> reasons, JsonElement failureReason, string prefix, string eventType)
    {
        foreach (var member in failureReason.EnumerateObject())
        {
            var field = prefix + member.Name;
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                AddReasons(reasons, member.Value, field + ".", eventType);
            }
            else
            {
                AddCodes(reasons, field, member.Value, eventType);
            }
        }
    }

    private void AddCodes(List<FailureReason> reasons, string field, JsonElement value, string eventType)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (JsonFields.ScalarText(item) is { } code)
                {
                    reasons.Add(FailureReasonCatalog.Create(Source, field, code, eventType));
                }
            }
        }
        else if (JsonFields.ScalarText(value) is { } code)
        {
            reasons.Add(FailureReasonCatalog.Create(Source, field, code, eventType));
        }
    }
}
