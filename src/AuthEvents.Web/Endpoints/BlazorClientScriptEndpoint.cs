namespace AuthEvents.Web.Endpoints;

/// <summary>
/// Serves <c>/_framework/blazor.web.js</c> from the build output when the build took it from the 9.0.22 runtime
/// pack (see build/BlazorClientScript.targets). With that switch off, the SDK's own static assets serve it.
/// </summary>
public static class BlazorClientScriptEndpoint
{
    public static IEndpointRouteBuilder MapBlazorClientScript(this IEndpointRouteBuilder endpoints)
    {
#if BLAZOR_SCRIPT_FROM_RUNTIME_PACK
        var path = Path.Combine(AppContext.BaseDirectory, "blazor-client", "blazor.web.js");
        endpoints.MapGet("/_framework/blazor.web.js", () =>
            File.Exists(path)
                ? Results.File(path, "text/javascript")
                : Results.Problem("blazor.web.js is missing from the build output; rebuild the web project.", statusCode: StatusCodes.Status500InternalServerError));
#endif
        return endpoints;
    }
}
