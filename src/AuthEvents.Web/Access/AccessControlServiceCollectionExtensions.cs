using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AuthEvents.Web.Access;

public static class AccessControlServiceCollectionExtensions
{
    /// <summary>The scheme every request authenticates through: it forwards to the cookie session or, for a bearer token, to JWT.</summary>
    public const string SelectorScheme = "AuthEvents";

    /// <summary>
    /// Sign-in and roles. With <c>Auth:Oidc:Authority</c>: OpenID Connect (code + PKCE) into a cookie session for people,
    /// JWT bearer (<c>Auth:Api:Audience</c>) for programs, roles mapped from the provider's claim. Without it: local mode.
    /// </summary>
    public static IServiceCollection AddAuthEventsAccessControl(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var access = configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>() ?? new AccessOptions();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName);
        if (access.Problems().FirstOrDefault() is { } problem)
        {
            throw new AuthEvents.Web.Hosting.StartupRefusedException(problem);
        }

        services.AddAuthorization(options => options.AddAccessPolicies());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        services.AddCascadingAuthenticationState();
        if (access.IsLocalMode)
        {
            LocalModeGuard.EnsureLoopbackOnly(configuration);
            services.AddAuthentication(LocalModeAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, LocalModeAuthenticationHandler>(LocalModeAuthenticationHandler.SchemeName, null);
            return services;
        }

        services.AddTransient<IClaimsTransformation, RoleClaimsTransformation>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                options.DefaultSignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(SelectorScheme, null, options => options.ForwardDefaultSelector = context =>
                HasBearerToken(context.Request) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "authevents.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS (directly or through a known proxy); loopback HTTP cannot hold a Secure cookie.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = access.Oidc.Authority;
                options.ClientId = access.Oidc.ClientId;
                options.ClientSecret = access.Oidc.ClientSecret;
                options.RequireHttpsMetadata = access.Oidc.RequireHttpsMetadata;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                // A top-level GET back from the provider, so the Lax correlation cookies come with it (form_post is a cross-site POST).
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Scope.Clear();
                foreach (var scope in access.Oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }

                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.ClaimActions.MapJsonKey(access.Oidc.RoleClaim, access.Oidc.RoleClaim);
                options.ClaimActions.MapUniqueJsonKey("email", "email");
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = AccessPolicies.RoleClaimType;
                // The id token only, kept in the (encrypted) session cookie: sign-out sends it as id_token_hint, which some
                // providers (Okta, for one) require. Access and refresh tokens are not needed and not kept.
                options.SaveTokens = true;
                options.SignedOutRedirectUri = AccountEndpoints.SignedOutPath;
                options.Events.OnTicketReceived = context =>
                {
                    if (context.Properties is { } properties)
                    {
                        properties.StoreTokens([.. properties.GetTokens().Where(t => t.Name == OpenIdConnectParameterNames.IdToken)]);
                    }

                    return Audit.SignInAudit.OnTicketReceivedAsync(context);
                };
                // Cancelled at the provider, or refused by it: a page that says so and offers to try again, not an error page.
                options.Events.OnRemoteFailure = context =>
                {
                    AccessLog.SignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountEndpoints)), context.Failure?.GetType().Name ?? "unknown");
                    context.Response.Redirect(AccountEndpoints.SignedOutPath + "?failed=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                if (access.Oidc.ClientAuthentication == AccessOptions.OidcSettings.ClientSecretBasic)
                {
                    options.BackchannelHttpHandler = new ClientSecretBasicHandler { InnerHandler = new HttpClientHandler() };
                }
            })
            .AddJwtBearer(options =>
            {
                options.Authority = access.Oidc.Authority;
                options.Audience = access.Api.Audience;
                options.RequireHttpsMetadata = access.Oidc.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = AccessPolicies.RoleClaimType;
                // Without an audience no token is for this dashboard: every bearer request is refused.
                options.TokenValidationParameters.ValidateAudience = true;
                options.Events = new JwtBearerEvents
                {
                    // A browser's WebSocket cannot send headers: the SignalR client puts the token in the query.
                    OnMessageReceived = context =>
                    {
                        if (IsHubRequest(context.Request) && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        return services;
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (IsHubRequest(request) && request.Query.ContainsKey("access_token"));

    private static bool IsHubRequest(HttpRequest request) => request.Path.StartsWithSegments(Hubs.EventsHub.Path, StringComparison.OrdinalIgnoreCase);
}
