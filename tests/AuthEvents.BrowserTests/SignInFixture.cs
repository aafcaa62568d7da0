using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// What the sign-in tests share: the test OpenID provider, a dashboard that signs in through it (not local mode), and
/// a Chromium of their own. The provider has a second program client, with only the Manager role, for the API's 403.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    public static readonly OidcServiceClient ManagerServiceClient = new("reporting-job", "reporting-secret", ["Manager"]);

    private readonly ConditionalWeakTable<IPage, ConcurrentQueue<ConsoleEntry>> _consoleMessages = [];
    private readonly ConditionalWeakTable<IPage, TaskCompletionSource<ConsoleEntry>> _cspViolations = [];
    private IPlaywright? _playwright;

    public OidcProvider Provider { get; private set; } = default!;

    public DashboardServer Server { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("AUTHEVENTS_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)BrowserFixture.HangGuard.TotalMilliseconds);
        using var guard = new CancellationTokenSource(BrowserFixture.HangGuard);
        var defaults = new OidcProviderOptions();
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions { ServiceClients = [defaults.ServiceClients[0], ManagerServiceClient] }, guard.Token);
        Server = StartDashboard(Provider);
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// A dashboard that signs in through <paramref name="provider"/> (its issuer as the authority, plain http allowed as
    /// it is on loopback) and takes its access tokens; <paramref name="settings"/> add to or override that.
    /// </summary>
    public static DashboardServer StartDashboard(OidcProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var all = new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = provider.Authority,
            ["Auth:Oidc:ClientId"] = provider.ClientId,
            ["Auth:Oidc:ClientSecret"] = provider.ClientSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Api:Audience"] = provider.ApiAudience,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = new DashboardServer(all);
        try
        {
            server.Start();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser context (no cookies) on <paramref name="server"/>, by default the shared one.</summary>
    public async Task<IPage> NewPageAsync(DashboardServer? server = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (server ?? Server).Proxy.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
        });
        context.SetDefaultTimeout((float)BrowserFixture.HangGuard.TotalMilliseconds);
        var page = await context.NewPageAsync();
        // The provider's pages count too: one page follows the whole round trip, and Chromium reports a refused
        // form-action or redirect here, as an error.
        var messages = _consoleMessages.GetOrCreateValue(page);
        var refused = CspViolation(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                var entry = new ConsoleEntry(message.Type, message.Location, message.Text);
                messages.Enqueue(entry);
                if (IsCspViolation(entry))
                {
                    refused.TrySetResult(entry);
                }
            }
        };
        page.PageError += (_, error) => messages.Enqueue(new ConsoleEntry("pageerror", page.Url, error));
        return page;
    }

    /// <summary>
    /// Opens <paramref name="path"/> signed out, expects the provider's sign-in page, signs in as <paramref name="login"/>
    /// and waits until the dashboard has brought the browser back to <paramref name="path"/> and made it interactive.
    /// </summary>
    public async Task SignInAsync(IPage page, string path, string login, DashboardServer? server = null, OidcProvider? provider = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        provider ??= Provider;
        var response = await page.GotoAsync(path);
        if (!page.Url.StartsWith(provider.Authority + "/interaction/", StringComparison.Ordinal))
        {
            var text = await page.Locator("body").InnerTextAsync();
            Assert.Fail($"Expected the provider's sign-in page, got {response?.Status} {page.Url}: {text[..Math.Min(text.Length, 500)]}\nProvider: {provider.Diagnostics}");
        }

        await provider.SignInAsync(page, login);
        await UnlessCspRefusesAsync(page, page.WaitForURLAsync(Url(path, server)));
        await WaitForInteractiveAsync(page);
    }

    /// <summary>The absolute address of <paramref name="path"/> (relative to the dashboard's root, as the pages take it) on <paramref name="server"/>, by default the shared one.</summary>
    public string Url(string path, DashboardServer? server = null) => new Uri((server ?? Server).Proxy.Address, path).AbsoluteUri;

    /// <summary>Waits for the circuit's first interactive render (the layout marks the document).</summary>
    public static Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("html[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Console errors and warnings and uncaught page errors of one page so far, the provider's pages included.</summary>
    public IReadOnlyCollection<ConsoleEntry> ConsoleMessages(IPage page) => _consoleMessages.GetOrCreateValue(page);

    /// <summary>
    /// Awaits <paramref name="wait"/>, unless a content security policy refuses something first: a refused redirect never
    /// arrives, and the test should say why at once rather than when the hang guard ends the wait.
    /// </summary>
    public async Task<T> UnlessCspRefusesAsync<T>(IPage page, Task<T> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        await UnlessCspRefusesAsync(page, (Task)wait);
        return await wait;
    }

    /// <inheritdoc cref="UnlessCspRefusesAsync{T}(IPage, Task{T})"/>
    public async Task UnlessCspRefusesAsync(IPage page, Task wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var refused = CspViolation(page).Task;
        if (await Task.WhenAny(wait, refused) == refused)
        {
            Assert.Fail("Refused by a content security policy: " + await refused);
        }

        await wait;
    }

    /// <summary>
    /// Asserts that no content security policy refused anything, then that the console is clean altogether but for
    /// Chromium's note on each page the test opened knowing it answers 403 (<paramref name="forbiddenUrls"/>).
    /// </summary>
    public void AssertCleanConsole(IPage page, params string[] forbiddenUrls)
    {
        var messages = ConsoleMessages(page);
        Assert.DoesNotContain(messages, IsCspViolation);
        var unexpected = messages.Where(m => !(m.Text.Contains("status of 403", StringComparison.Ordinal) && forbiddenUrls.Any(url => m.Location.StartsWith(url, StringComparison.Ordinal)))).ToList();
        Assert.True(unexpected.Count == 0, "Browser console: " + string.Join(" | ", unexpected.Take(5)));
    }

    private static bool IsCspViolation(ConsoleEntry entry) => entry.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase);

    private TaskCompletionSource<ConsoleEntry> CspViolation(IPage page) =>
        _cspViolations.GetValue(page, _ => new TaskCompletionSource<ConsoleEntry>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The viewport in the light and in the dark theme (the dashboard follows the OS setting unless told otherwise).</summary>
    public async Task ScreenshotBothThemesAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var scheme in new[] { ColorScheme.Dark, ColorScheme.Light })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            var theme = scheme == ColorScheme.Dark ? "dark" : "light";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-{theme}.png") });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}
