using System.Security.Claims;
using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// Base for components that query: <see cref="PageToken"/> is cancelled when the component goes away (navigation,
/// a closed circuit), so no query or JS call outlives the page that asked for it.
/// </summary>
public abstract class PageComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private volatile bool _gone;

    private ViewerZone? _zoneSeen;

    protected CancellationToken PageToken => _lifetime.Token;

    /// <summary>The viewer's time zone, resolved once per circuit by the layout (<see cref="Components.Layout.MainLayout"/>).</summary>
    [CascadingParameter]
    public ViewerZone Zone { get; set; } = ViewerZone.Unknown;

    /// <summary>The signed-in user, as the router cascades them.</summary>
    [CascadingParameter]
    protected Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The signed-in user (nobody until the cascade says): known before the page's lifecycle methods run.</summary>
    protected ClaimsPrincipal Viewer { get; private set; } = new();

    /// <summary>Whether the user's roles open <paramref name="href"/>: what a page offers to open follows it (<see cref="PageAccess"/>).</summary>
    protected bool MayOpen(string href) => Viewer.MayOpen(href);

    /// <summary>
    /// Takes the signed-in user from the cascade, runs the page's own parameter handling, then <see cref="OnZoneChangedAsync"/>
    /// when the layout has cascaded a different zone since the last time (not on the first set: the page's first load
    /// already used the zone it had).
    /// </summary>
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        // Taken now (a ParameterView is valid only until the first await), so the user is known to the first load.
        parameters.SetParameterProperties(this);
        if (AuthenticationState is { } state)
        {
            Viewer = (await state).User;
        }

        await base.SetParametersAsync(ParameterView.Empty);
        var seen = _zoneSeen;
        _zoneSeen = Zone;
        if (seen is not null && seen != Zone && !_gone)
        {
            await OnZoneChangedAsync();
            StateHasChanged();
        }
    }

    /// <summary>The viewer's zone became known or changed: a page that shows local times reads again.</summary>
    protected virtual Task OnZoneChangedAsync() => Task.CompletedTask;

    /// <summary>
    /// True once the page has gone. Work that resumes after an await checks it before acting for the page: a page left
    /// while a JS call or a query was pending must not act on the page the analyst went to.
    /// </summary>
    protected bool Gone => _gone;

    /// <summary>
    /// Shows <paramref name="canonical"/> in the address bar in place of the current URL (no new history entry) when they
    /// differ, unless the page has gone or the address bar already shows another page (the router is moving there). True
    /// when it navigated (the page then reads its parameters again and need not load for the old URL).
    /// </summary>
    protected bool ReplaceUrl(NavigationManager navigation, string canonical)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        ArgumentNullException.ThrowIfNull(canonical);
        var current = navigation.ToBaseRelativePath(navigation.Uri);
        if (_gone || DashboardUrls.IsCurrent(current, canonical) || Section(current) != Section(canonical))
        {
            return false;
        }

        navigation.NavigateTo(canonical.Length == 0 ? "./" : canonical, replace: true);
        return true;
    }

    // The page a URL belongs to: its first path segment ("people" for people/{key}, "" for the overview). While the
    // router moves to another page, the old page still hears the new URL's (empty) query before it is disposed; it
    // must not write its own URL over the new page's.
    private static string Section(string relative)
    {
        var end = relative.IndexOfAny(['?', '#']);
        var path = Uri.UnescapeDataString(end < 0 ? relative : relative[..end]).TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_lifetime.IsCancellationRequested)
        {
            _gone = true;
            // Cancelled, not disposed: work resuming after an await may still read PageToken, and must get a cancelled
            // token rather than an ObjectDisposedException (a source without a timer holds nothing to release).
            _lifetime.Cancel();
        }
    }
}
