using AuthEvents.Web.Access;
using AuthEvents.Web.Hubs;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// What a browser is told and asked before it reaches the dashboard: the response headers every answer carries (a
/// content security policy with no inline script, no framing, no sniffing, no referrer), and the origin check on the two
/// ways in that browsers do not hold to the same-origin rule (WebSockets): the Blazor circuit and the events hub.
/// </summary>
public static class BrowserSecurity
{
    /// <summary>
    /// The content security policy of every response. Scripts only from the dashboard itself, none inline. Styles may be
    /// inline: MudBlazor sets style attributes and writes its theme as a style element, and ApexCharts writes one into
    /// each chart's shadow root.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy with the sign-in provider's origin allowed as a form target: sign-out is a form POST that the dashboard
    /// redirects to the provider, and browsers hold redirects after a form to <c>form-action</c>.
    /// </summary>
    public static string ContentSecurityPolicyFor(string? signInAuthority) =>
        Uri.TryCreate(signInAuthority, UriKind.Absolute, out var authority)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    /// <summary>Origins besides the dashboard's own that may open the circuit and the hub (a page of the operator's that embeds the hub client).</summary>
    public const string AllowedOriginsKey = "Auth:AllowedOrigins";

    /// <summary>Where the Blazor circuit connects (negotiate and WebSocket).</summary>
    public const string CircuitPath = "/_blazor";

    /// <summary>Sets the headers on every response, and answers 403 to a foreign origin on the circuit and the hub.</summary>
    public static WebApplication UseBrowserSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var allowed = app.Configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [];
        var origins = allowed.Select(Normalize).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var policy = ContentSecurityPolicyFor(app.Configuration[$"{AccessOptions.SectionName}:Oidc:Authority"]);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = policy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (IsWebSocketWayIn(context.Request.Path) && !OriginAllowed(context.Request, origins))
            {
                // Hand-written: ASP.NET Core's WebSocket AllowedOrigins needs the dashboard's own origin listed ahead of
                // time (every name and port it is reached by), and does not cover SignalR's other transports.
                await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Origin not allowed",
                    detail: $"Pages of another origin may not connect here. List the origin under {AllowedOriginsKey} to allow it.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool IsWebSocketWayIn(PathString path) =>
        path.StartsWithSegments(CircuitPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(EventsHub.Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A request without an Origin is not from a browser page (a program's SignalR client): the origin rule is for pages.
    /// One with an Origin must be the dashboard's own (scheme, host and port of the request) or a listed one.
    /// </summary>
    private static bool OriginAllowed(HttpRequest request, HashSet<string> allowed)
    {
        var origin = request.Headers.Origin;
        if (StringValues.IsNullOrEmpty(origin))
        {
            return true;
        }

        if (origin.Count != 1 || Normalize(origin[0]) is not { } given)
        {
            return false;
        }

        var own = Normalize($"{request.Scheme}://{request.Host.Value}");
        return string.Equals(given, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(given);
    }

    // scheme://host[:port] with the default port dropped, as a browser writes an Origin; null for anything else ("null").
    private static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
