using AuthEvents.Web.Access;
using AuthEvents.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AuthEvents.Web.Navigation;
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
        // The user, as the circuit sees them: the local administrator unless a test signs in as someone else (SignInAs).
        Services.AddAuthorizationCore(options => options.AddAccessPolicies());
        // bUnit's placeholders refuse to authorize: the real service, with the product's policies, in their place.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(User);
    }

    /// <summary>The feed the pages follow, as the host registers it: with the ticks the pages hear and the reads they share.</summary>
    protected void AddFeed(AuthEvents.Ingest.Feed.EventFeed feed)
    {
        Services.AddSingleton(feed);
        Services.AddSingleton<AuthEvents.Web.Navigation.FeedTicks>();
        Services.AddSingleton<AuthEvents.Web.Navigation.SharedReads>();
    }

    /// <summary>Who the components see as signed in.</summary>
    protected TestUser User { get; } = new();

    /// <summary>Signs in as a user with these dashboard roles (none: signed in, but with no role here).</summary>
    protected void SignInAs(string name, params AccessRole[] roles) => User.Set(TestUser.With(name, roles));

    /// <summary>The clock the components see; advance it to run their timers.</summary>
    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>bUnit's navigation manager (base URI <c>http://localhost/</c>): navigate before rendering to set query parameters.</summary>
    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    protected AssetUrls Assets => Services.GetRequiredService<AssetUrls>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
