using System.Security.Claims;

namespace AuthEvents.Web.Access;

/// <summary>
/// The role a dashboard address needs, read from the address alone, so that a link can show as a link only to a user
/// whose roles open it (<see cref="Components.Controls.RoleLink"/>). The pages and routes check again themselves; a
/// test holds this to every page's <c>[Authorize]</c> attribute.
/// </summary>
public static class PageAccess
{
    // Query keys that turn /journeys into a list of people (drop-offs, fast conversions).
    private static readonly string[] JourneyListKeys = ["dropoff", "fast"];

    /// <summary>
    /// The role <paramref name="href"/> (base-relative, with or without a leading slash, query and fragment) needs. An
    /// address this does not know needs <see cref="AccessRole.Admin"/>: an unlisted link is never offered to a user the
    /// page might refuse.
    /// </summary>
    public static AccessRole RoleFor(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var fragment = href.IndexOf('#', StringComparison.Ordinal);
        var view = fragment < 0 ? href : href[..fragment];
        var queryAt = view.IndexOf('?', StringComparison.Ordinal);
        var path = (queryAt < 0 ? view : view[..queryAt]).Trim('/');
        var query = queryAt < 0 ? "" : view[(queryAt + 1)..];
        // Routes match regardless of case.
        var segments = path.ToLowerInvariant().Split('/');
        return (segments[0], segments.Length > 1 ? segments[1] : null) switch
        {
            ("", _) or ("failures", _) => AccessRole.Manager,
            ("journeys", "catalog") => AccessRole.Manager,
            ("journeys", null) => OpensAList(query) ? AccessRole.Analyst : AccessRole.Manager,
            ("live", _) or ("api", "events") => AccessRole.Analyst,
            ("alerts", _) or ("api", "alerts") => AccessRole.Analyst,
            ("people", _) or ("sessions", _) => AccessRole.Investigator,
            _ => AccessRole.Admin,
        };
    }

    /// <summary>Whether <paramref name="user"/>'s roles open <paramref name="href"/> (see <see cref="RoleFor"/>).</summary>
    public static bool MayOpen(this ClaimsPrincipal user, string href) => user.Allows(RoleFor(href));

    private static bool OpensAList(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Any(pair => pair.Length == 2 && pair[1].Length > 0 && JourneyListKeys.Contains(Uri.UnescapeDataString(pair[0]), StringComparer.OrdinalIgnoreCase));
}
