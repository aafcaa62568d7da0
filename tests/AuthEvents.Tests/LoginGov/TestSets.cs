using System.Text.Json.Nodes;

namespace AuthEvents.Tests.LoginGov;

/// <summary>SET JSON shaped like Login.gov's (docs/protocols/login-gov.md, "The SET"), with the claims a test wants to vary.</summary>
internal static class TestSets
{
    public const string Jti = "4e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b";
    public const string Email = "jane.doe@example.com";
    public const string Ip = "192.0.2.10";

    public static string Set(string jti = Jti, JsonNode? aud = null, string iss = "https://secure.login.gov/") =>
        new JsonObject
        {
            ["jti"] = jti,
            ["iat"] = 1741027843,
            ["iss"] = iss,
            ["aud"] = aud ?? TestLoginGovKeys.Audience,
            ["events"] = new JsonObject
            {
                ["https://schemas.login.gov/secevent/attempts-api/event-type/login-email-and-password-auth"] = new JsonObject
                {
                    ["subject"] = new JsonObject { ["subject_type"] = "session", ["session_id"] = "abc123-sp-supplied" },
                    ["occurred_at"] = 1741027843.512345,
                    ["user_ip_address"] = Ip,
                    ["email"] = Email,
                    ["success"] = false,
                },
            },
        }.ToJsonString();
}
