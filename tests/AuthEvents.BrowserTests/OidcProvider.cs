using System.Buffers.Text;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// The test OpenID provider (tests/oidc-provider/server.js, the npm package oidc-provider) as a child process on
/// 127.0.0.1 and a free port: fixed users with roles (see <see cref="OidcTestUsers"/>), authorization code with PKCE for
/// the dashboard, client credentials with JWT access tokens for programs. The top of server.js documents its pages,
/// claims and tokens.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    /// <summary>How long the provider may take to start before the test calls it stuck (a hang guard, never a pace).</summary>
    public static readonly TimeSpan StartGuard = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions ConfigJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr;
    private readonly HttpClient _http = new();

    private OidcProvider(Process process, ConcurrentQueue<string> stderr, Uri issuer, OidcProviderOptions options)
    {
        _process = process;
        _stderr = stderr;
        Issuer = issuer;
        Options = options;
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:40123 (no trailing slash in its string form as the provider prints it).</summary>
    public Uri Issuer { get; }

    /// <summary>The issuer exactly as the provider states it (`iss` of its tokens, the dashboard's Authority).</summary>
    public string Authority => Issuer.GetLeftPart(UriPartial.Authority);

    public OidcProviderOptions Options { get; }

    /// <summary>The dashboard's client (authorization code + PKCE).</summary>
    public string ClientId => Options.ClientId;

    public string ClientSecret => Options.ClientSecret;

    /// <summary>The first program client (client credentials), the one <see cref="GetClientCredentialsTokenAsync(CancellationToken)"/> uses.</summary>
    public OidcServiceClient ServiceClient => Options.ServiceClients[0];

    public string ServiceClientId => ServiceClient.Id;

    public string ServiceClientSecret => ServiceClient.Secret;

    /// <summary>`aud` of the JWT access tokens (the API's resource indicator).</summary>
    public string ApiAudience => Options.ApiAudience;

    /// <summary>oidc-provider's default routes, as server.js keeps them.</summary>
    public Uri TokenEndpoint => new(Issuer, "/token");

    public Uri AuthorizationEndpoint => new(Issuer, "/auth");

    public Uri UserinfoEndpoint => new(Issuer, "/me");

    public Uri EndSessionEndpoint => new(Issuer, "/session/end");

    /// <summary>What the provider wrote to stderr so far (its warnings and errors; never tokens), for a failure message.</summary>
    public string Diagnostics => string.Join('\n', _stderr);

    /// <summary>Starts node tests/oidc-provider/server.js and returns once it has printed its `listening` line.</summary>
    public static async Task<OidcProvider> StartAsync(OidcProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OidcProviderOptions();
        if (options.ServiceClients.Count == 0)
        {
            throw new ArgumentException("At least one service client is needed.", nameof(options));
        }

        var directory = Path.Combine(FindRepositoryRoot(), "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"The test OpenID provider's packages are not installed in {directory}: run npm ci in tests/oidc-provider.");
        }

        var config = JsonSerializer.Serialize(
            new
            {
                port = 0,
                // The provider exits when this process does (its stdin closes), even if Dispose never runs.
                exitWithStdin = true,
                apiAudience = options.ApiAudience,
                client = new
                {
                    id = options.ClientId,
                    secret = options.ClientSecret,
                    tokenEndpointAuthMethod = options.TokenEndpointAuthMethod,
                    redirectUris = options.RedirectUris,
                    postLogoutRedirectUris = options.PostLogoutRedirectUris,
                },
                serviceClients = options.ServiceClients.Select(c => new
                {
                    id = c.Id,
                    secret = c.Secret,
                    roles = c.Roles,
                    groups = c.Groups,
                    tokenEndpointAuthMethod = c.TokenEndpointAuthMethod,
                }),
            },
            ConfigJson);

        var start = new ProcessStartInfo
        {
            FileName = Environment.GetEnvironmentVariable("AUTHEVENTS_NODE") is { Length: > 0 } node ? node : "node",
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.js");
        start.ArgumentList.Add(config);

        var stderr = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The test OpenID provider exited before it listened."));
            }
            else if (e.Data.StartsWith("listening ", StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(e.Data["listening ".Length..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
                while (stderr.Count > 200 && stderr.TryDequeue(out var _))
                {
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start Node.js ({start.FileName}) for the test OpenID provider: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var issuer = await listening.Task.WaitAsync(StartGuard, cancellationToken);
            return new OidcProvider(process, stderr, issuer, options);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await StopAsync(process);
            var output = string.Join('\n', stderr);
            process.Dispose();
            throw new InvalidOperationException($"The test OpenID provider did not start ({e.Message}). Its stderr:\n{output}", e);
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>An access token for the first program client: a JWT (RS256) for <see cref="ApiAudience"/> with its roles.</summary>
    public Task<string> GetClientCredentialsTokenAsync(CancellationToken cancellationToken) =>
        GetClientCredentialsTokenAsync(ServiceClient, cancellationToken);

    /// <summary>An access token for one of the program clients.</summary>
    public async Task<string> GetClientCredentialsTokenAsync(OidcServiceClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await RequestTokenAsync(
            [new("grant_type", "client_credentials"), new("resource", ApiAudience)],
            client.Id,
            client.Secret,
            client.TokenEndpointAuthMethod,
            cancellationToken);
        return response.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// A token request as the configured client authentication method sends it; returns the JSON answer, or throws
    /// with the provider's error (never a token).
    /// </summary>
    public async Task<JsonDocument> RequestTokenAsync(
        IEnumerable<KeyValuePair<string, string>> parameters, string clientId, string clientSecret, string authMethod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var form = parameters.ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint);
        if (authMethod == "client_secret_basic")
        {
            var pair = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            form.Add(new("client_id", clientId));
            form.Add(new("client_secret", clientSecret));
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string error;
            try
            {
                using var json = JsonDocument.Parse(body);
                error = $"{json.RootElement.GetProperty("error").GetString()}: {(json.RootElement.TryGetProperty("error_description", out var d) ? d.GetString() : "")}";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                error = "(no OAuth error in the answer)";
            }

            throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode} {error}");
        }

        return JsonDocument.Parse(body);
    }

    /// <summary>
    /// On the provider's sign-in page (which the browser reaches by itself when the dashboard sends it there), signs in
    /// as <paramref name="login"/> (a name from <see cref="OidcTestUsers"/>). Returns once the form is submitted.
    /// </summary>
    public async Task SignInAsync(IPage page, string login)
    {
        ArgumentNullException.ThrowIfNull(page);
        var interaction = Authority + "/interaction/";
        await page.WaitForURLAsync(url => url.StartsWith(interaction, StringComparison.Ordinal));
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#password").FillAsync("any password");
        await page.Locator("#submit").ClickAsync();
    }

    /// <summary>The payload of a JWT (a plain base64url decode: no signature check).</summary>
    public static JsonElement DecodeJwtPayload(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("Not a JWS compact serialization (three parts).");
        }

        using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        return json.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await StopAsync(_process);
        _process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var guard = new CancellationTokenSource(StartGuard);
            await process.WaitForExitAsync(guard.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped in time: nothing more a test can do.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuthEvents.Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AuthEvents.Dashboard.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What the test OpenID provider is started with; every default matches server.js's own.</summary>
public sealed class OidcProviderOptions
{
    public string ClientId { get; init; } = "authevents-dashboard";

    public string ClientSecret { get; init; } = "dashboard-secret";

    /// <summary>client_secret_post or client_secret_basic.</summary>
    public string TokenEndpointAuthMethod { get; init; } = "client_secret_post";

    /// <summary>
    /// Null: http(s)://127.0.0.1:*/signin-oidc and http(s)://localhost:*/signin-oidc. A `*` port matches any port (the
    /// dashboard's test server picks its port after the provider has started); otherwise the match is exact.
    /// </summary>
    public IReadOnlyList<string>? RedirectUris { get; init; }

    /// <summary>Null: the same as <see cref="RedirectUris"/>' default, with /signout-callback-oidc.</summary>
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    public string ApiAudience { get; init; } = "api://authevents";

    /// <summary>Programs (client credentials); the first is <see cref="OidcProvider.ServiceClient"/>.</summary>
    public IReadOnlyList<OidcServiceClient> ServiceClients { get; init; } = [new("authevents-service", "service-secret", ["Analyst"])];
}

/// <summary>A program that gets JWT access tokens for the API with client credentials; <paramref name="Roles"/> go into its tokens.</summary>
public sealed record OidcServiceClient(string Id, string Secret, IReadOnlyList<string> Roles)
{
    /// <summary>Put into the token as `groups` when not empty.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>client_secret_post or client_secret_basic.</summary>
    public string TokenEndpointAuthMethod { get; init; } = "client_secret_post";
}

/// <summary>
/// The provider's fixed users (login names; sub is the same). Roles: manager Manager, analyst Analyst, investigator
/// Investigator, admin Admin, multi Manager + Investigator, nobody none; groups grp-managers, grp-analysts,
/// grp-investigators, grp-admins likewise.
/// </summary>
public static class OidcTestUsers
{
    public const string Manager = "manager";
    public const string Analyst = "analyst";
    public const string Investigator = "investigator";
    public const string Admin = "admin";
    public const string Multi = "multi";
    public const string Nobody = "nobody";
}
