using AuthEvents.Store;
using AuthEvents.Web.Access;
using AuthEvents.Web.Components;
using AuthEvents.Web.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

using AuthEvents.Web.Health;

namespace AuthEvents.Web.Hosting;

public static partial class DashboardApplicationExtensions
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage keys come from {DataDirectory}/keys.json (generated). For production set Storage:PayloadKey and Storage:LinkingKey from a secret store; losing that file makes stored raw payloads unreadable.")]
    private static partial void LogGeneratedKeys(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage keys were generated and are kept in the database, beside the payloads they encrypt. For production set Storage:PayloadKey and Storage:LinkingKey from a secret store.")]
    private static partial void LogGeneratedKeysInDatabase(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogSchemaMismatch(ILogger logger, string problem);

    /// <summary>Applies migrations before the host starts serving, so no request ever sees an old schema.</summary>
    public static async Task InitializeStoreAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await StoreInitializer.InitializeAsync(app.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>(), cancellationToken);
        }
        catch (StoreSchemaMismatchException ex)
        {
            LogSchemaMismatch(app.Logger, ex.Message);
            throw;
        }

        if (app.Services.GetRequiredService<KeyRing>().WasGenerated)
        {
            if (app.Services.GetRequiredService<GeneratedSecrets>().InDatabase)
            {
                LogGeneratedKeysInDatabase(app.Logger);
            }
            else
            {
                LogGeneratedKeys(app.Logger, app.Services.GetRequiredService<StoreLocation>().DataDirectory);
            }
        }
    }

    public static WebApplication UseAuthEventsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First: every later step (the exception page's links, cookies' Secure flag, the audit's client address) sees the
        // client as the trusted proxy reported it.
        app.UseTransportSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseBrowserSecurity();

        var assets = app.Services.GetRequiredService<AssetUrls>();
        if (Directory.Exists(assets.Root))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(assets.Root),
                RequestPath = AssetUrls.RequestPath,
                OnPrepareResponse = ctx =>
                {
                    ctx.Context.Response.Headers[HeaderNames.CacheControl] = ctx.Context.Request.Query.ContainsKey("v")
                        ? "public, max-age=31536000, immutable"
                        : "no-cache";
                },
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: the limits count per signed-in user, and a refusal for sign-in or role stays 401 or 403.
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapHealthEndpoint();
        app.MapExportEndpoint();
        app.MapAlertsEndpoint();
        app.MapQuarantineEndpoint();
        AuthEvents.Web.Audit.AuditEndpoints.MapAuditEndpoints(app);
        // Webhooks carry their own credentials (a signature or a JWT from the provider), checked by each endpoint.
        app.MapEntrustWebhook();
        app.MapFusionAuthWebhook();
        // A connection outlives the request that opened it: it ends when the token (or the session) it was opened with expires.
        app.MapHub<AuthEvents.Web.Hubs.EventsHub>(AuthEvents.Web.Hubs.EventsHub.Path, options => options.CloseOnAuthenticationExpiration = true)
            .RequireRateLimiting(RateLimits.HubPolicy);
        // The circuit's own frame-ancestors policy ('self' by default) is off: BrowserSecurity's policy, on every response
        // and so on every document, says 'none'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
