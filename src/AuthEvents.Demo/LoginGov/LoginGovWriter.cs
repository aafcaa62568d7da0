using System.Text.Json.Nodes;
using AuthEvents.Core.Events;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// Writes decrypted Login.gov Attempts API SETs (docs/protocols/login-gov.md, "The SET" and "Common event fields"): <c>jti</c>, <c>iat</c>, <c>iss</c>,
/// <c>aud</c> and exactly one member in <c>events</c>, whose data carries every common field (null ones as JSON
/// null) followed by the event's own fields. <c>failure_reason</c> is written only when it has content.
/// </summary>
internal sealed class LoginGovWriter(Random random, DeliveryQueue queue, string audience, string issuer)
{
    public const string EventTypePrefix = "https://schemas.login.gov/secevent/attempts-api/event-type/";

    public void Emit(DateTimeOffset at, LoginGovVisit visit, string eventType, params ReadOnlySpan<(string Key, JsonNode? Value)> fields)
    {
        var occurred = SimulationTime.CeilTo(at, SimulationTime.Microsecond);
        var data = new JsonObject
        {
            ["subject"] = new JsonObject { ["subject_type"] = "session", ["session_id"] = visit.SessionId },
            ["occurred_at"] = SimulationTime.EpochSecondsWithMicroseconds(occurred),
            ["user_agent"] = visit.UserAgent,
            ["unique_session_id"] = visit.UniqueSessionId,
            ["user_uuid"] = visit.UserUuid,
            ["device_id"] = visit.DeviceId,
            ["user_ip_address"] = visit.Ip,
            ["application_url"] = LoginGovVisit.ApplicationUrl,
            ["language"] = visit.Language,
            ["client_port"] = visit.ClientPort,
            ["aws_region"] = visit.AwsRegion,
            ["google_analytics_cookies"] = visit.GoogleAnalyticsCookies(occurred),
        };
        foreach (var (key, value) in fields)
        {
            // Login.gov removes an empty failure_reason instead of sending null.
            if (key == "failure_reason" && value is null)
            {
                continue;
            }

            // A value may be shared by two steps (the same image ids on upload and submission).
            data[key] = value?.Parent is null ? value : value.DeepClone();
        }

        var set = new JsonObject
        {
            ["jti"] = SimulationIds.UuidV4(random),
            ["iat"] = SimulationTime.EpochSeconds(occurred),
            ["iss"] = issuer,
            ["aud"] = audience,
            ["events"] = new JsonObject { [EventTypePrefix + eventType] = data },
        };
        queue.Add(EventSource.LoginGov, occurred, set);
    }

    /// <summary>A <c>failure_reason</c> value: <c>{"field":["code", …]}</c>.</summary>
    public static JsonObject Reason(string field, params string[] codes)
    {
        var list = new JsonArray();
        foreach (var code in codes)
        {
            list.Add(code);
        }

        return new JsonObject { [field] = list };
    }
}
