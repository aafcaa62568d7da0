using AuthEvents.Web.Hosting;
using AuthEvents.Web.State;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The base of every bUnit test class: a <see cref="BunitContext"/> with the services the dashboard's components inject,
/// none of which reaches a socket, host or database. JS interop is loose (calls nobody set up return defaults); a test
/// that needs a value sets that call up. Time is a <see cref="FakeTimeProvider"/> fixed at <see cref="Now"/>, moved
/// only by the test. Asset URLs are unhashed (<c>/assets/charts.js</c>). Disposal is asynchronous, through xunit's
/// <see cref="IAsyncLifetime"/>, because some component libraries register services that only implement
/// <see cref="IAsyncDisposable"/> (see docs/plans/ui-mudblazor.md, section 4).
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>The instant every component test runs at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddScoped<ViewerClock>();
        // A root without files: every asset's URL is its plain path, so a test can name the module a component imports.
        Services.AddSingleton(new AssetUrls(Path.Combine(AppContext.BaseDirectory, "no-web-assets")));
    }

    /// <summary>The clock the components see; advance it to run their timers.</summary>
    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>bUnit's navigation manager (base URI <c>http://localhost/</c>): navigate before rendering to set query parameters.</summary>
    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    protected AssetUrls Assets => Services.GetRequiredService<AssetUrls>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
