using System.Text.Json.Nodes;
using AuthEvents.Core.Events;

namespace AuthEvents.Demo.OnePassword;

/// <summary>
/// Writes 1Password Events API v2 sign-in attempt items (docs/protocols/one-password.md, "Sign-in attempt items"): base32 <c>uuid</c> and
/// <c>session_uuid</c>, an RFC 3339 <c>timestamp</c>, <c>category</c>/<c>type</c>, <c>details</c>,
/// <c>target_user</c>, <c>client</c> and <c>location</c>.
/// </summary>
internal sealed class OnePasswordWriter(Random random, DeliveryQueue queue)
{
    public void Emit(DateTimeOffset at, OnePasswordAttempt attempt, string category, string type, string? detailsValue = null)
    {
        var occurred = SimulationTime.CeilTo(at, SimulationTime.Millisecond);
        var device = attempt.Origin.Device;
        var place = attempt.Origin.Place;
        var item = new JsonObject
        {
            ["uuid"] = SimulationIds.Base32Id(random),
            ["session_uuid"] = attempt.SessionUuid,
            ["timestamp"] = SimulationTime.Rfc3339Milliseconds(occurred),
            ["category"] = category,
            ["type"] = type,
            ["country"] = place.Country,
            ["details"] = detailsValue is null ? null : new JsonObject { ["value"] = detailsValue },
            ["target_user"] = new JsonObject
            {
                ["uuid"] = attempt.Persona.OnePasswordUuid,
                ["name"] = attempt.Persona.FullName,
                ["email"] = attempt.Persona.Email,
            },
            ["client"] = new JsonObject
            {
                ["app_name"] = device.OnePasswordAppName,
                ["app_version"] = attempt.AppVersion ?? device.OnePasswordAppVersion,
                ["platform_name"] = device.BrowserName,
                ["platform_version"] = device.BrowserVersion,
                ["os_name"] = device.OsName,
                ["os_version"] = device.OsVersion,
                ["ip_address"] = attempt.Origin.Ip,
            },
            // A few addresses have no geo match; 1Password then sends no location.
            ["location"] = random.Chance(0.03) ? null : new JsonObject
            {
                ["country"] = place.Country,
                ["region"] = place.Region,
                ["city"] = place.City,
                ["latitude"] = Math.Round(place.Latitude + random.Between(-0.04, 0.04), 4),
                ["longitude"] = Math.Round(place.Longitude + random.Between(-0.04, 0.04), 4),
            },
        };
        queue.Add(EventSource.OnePassword, occurred, item);
    }
}
