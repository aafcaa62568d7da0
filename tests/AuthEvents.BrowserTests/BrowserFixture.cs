using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>One dashboard server and one headless Chromium (Debian's, not a downloaded one) for all browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// How long any wait for the page lasts before the test calls it stuck. Only a hang guard: every wait is for something
    /// the page or the demo traffic will do, so on a working system it never paces a test, however busy the machine.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public DashboardServer Server { get; } = new();

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("AUTHEVENTS_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)HangGuard.TotalMilliseconds);
        Server.Start();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(Playwright);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Debian's headless Chromium (or $AUTHEVENTS_CHROMIUM), as every browser fixture launches it.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        var executable = Environment.GetEnvironmentVariable("AUTHEVENTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: install it (apt-get install -y chromium) or set AUTHEVENTS_CHROMIUM.");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>
    /// Adds a test's own script (axe-core, the SignalR client) to every document the page opens from now on. Not as a
    /// script tag: the dashboard's content security policy refuses inline script, as it should; the browser runs
    /// init scripts outside it.
    /// </summary>
    public static async Task AddTestScriptAsync(IPage page, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} not installed at {path}: run npm ci in wwwroot-assets.");
        await page.AddInitScriptAsync(scriptPath: path);
    }

    /// <summary>A fresh page through the proxy, with a desktop viewport (in <paramref name="timezoneId"/>, else the machine's zone).</summary>
    public async Task<IPage> NewPageAsync(string? colorScheme = null, string? timezoneId = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Proxy.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            TimezoneId = timezoneId,
        });
        context.SetDefaultTimeout((float)HangGuard.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var messages = _consoleMessages.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                messages.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => messages.Add("pageerror: " + error);
        return page;
    }

    /// <summary>Console errors and warnings, and uncaught page errors, of one page so far.</summary>
    public IReadOnlyCollection<string> ConsoleMessages(IPage page) => _consoleMessages.GetOrCreateValue(page);

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentBag<string>> _consoleMessages = [];

    /// <summary>Waits for the circuit and the first interactive render, then asserts the console is clean so far.</summary>
    public async Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The layout marks the page once its circuit has rendered it interactively and JS interop answers.
        await page.Locator("html[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var messages = ConsoleMessages(page);
        Assert.True(messages.Count == 0, "Browser console: " + string.Join(" | ", messages.Take(5)));
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
