namespace AuthEvents.Web.Access;

/// <summary>
/// <c>Auth:*</c>: who may sign in and what their provider's claims make them. With no <see cref="OidcSettings.Authority"/>
/// the dashboard runs in local mode: no sign-in, every request a local administrator, loopback only.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Auth";

    public OidcSettings Oidc { get; set; } = new();

    /// <summary>Per role, the values of <see cref="OidcSettings.RoleClaim"/> that grant it (by default the role's own name).</summary>
    public RoleMap Roles { get; set; } = new();

    public ApiSettings Api { get; set; } = new();

    public bool IsLocalMode => string.IsNullOrWhiteSpace(Oidc.Authority);

    public sealed class OidcSettings
    {
        public string? Authority { get; set; }

        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        /// <summary>Space-separated, as in the OpenID request.</summary>
        public string Scopes { get; set; } = "openid profile email";

        /// <summary>The claim that carries roles: <c>roles</c>, or <c>groups</c> for providers that send groups.</summary>
        public string RoleClaim { get; set; } = "roles";

        /// <summary>False is allowed only for an authority on loopback (a provider on the operator's own machine).</summary>
        public bool RequireHttpsMetadata { get; set; } = true;

        /// <summary>How the client secret reaches the token endpoint: <c>client_secret_post</c> or <c>client_secret_basic</c>.</summary>
        public string ClientAuthentication { get; set; } = ClientSecretPost;

        public const string ClientSecretPost = "client_secret_post";
        public const string ClientSecretBasic = "client_secret_basic";
    }

    public sealed class RoleMap
    {
        public string[]? Manager { get; set; }

        public string[]? Analyst { get; set; }

        public string[]? Investigator { get; set; }

        public string[]? Admin { get; set; }

        /// <summary>The claim values that grant <paramref name="role"/>.</summary>
        public IReadOnlyList<string> ValuesFor(AccessRole role) =>
            (role switch
            {
                AccessRole.Manager => Manager,
                AccessRole.Analyst => Analyst,
                AccessRole.Investigator => Investigator,
                _ => Admin,
            }) is { Length: > 0 } values ? values : [role.ToString()];
    }

    public sealed class ApiSettings
    {
        /// <summary>The audience of access tokens that programs present to /api and the hub.</summary>
        public string? Audience { get; set; }
    }

    /// <summary>What is wrong with these settings, one line each; empty when they can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (IsLocalMode)
        {
            yield break;
        }

        if (!Uri.TryCreate(Oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return "Auth:Oidc:Authority must be an absolute https URL (the provider's issuer).";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Oidc.ClientId))
        {
            yield return "Auth:Oidc:ClientId is required when Auth:Oidc:Authority is set.";
        }

        if ((!Oidc.RequireHttpsMetadata || authority.Scheme == "http") && !authority.IsLoopback)
        {
            yield return "Auth:Oidc:RequireHttpsMetadata may be false, and the authority http, only for a provider on loopback.";
        }

        if (Oidc.ClientAuthentication is not (OidcSettings.ClientSecretPost or OidcSettings.ClientSecretBasic))
        {
            yield return "Auth:Oidc:ClientAuthentication must be client_secret_post or client_secret_basic.";
        }

        if (string.IsNullOrWhiteSpace(Oidc.RoleClaim))
        {
            yield return "Auth:Oidc:RoleClaim must name a claim (roles or groups).";
        }

        if (!Oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            yield return "Auth:Oidc:Scopes must include openid.";
        }
    }
}
