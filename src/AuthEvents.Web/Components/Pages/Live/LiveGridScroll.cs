using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>
/// The live grid's scrolling in the browser (<c>authEvents.liveGrid</c>): reports when the grid leaves its newest rows
/// at the top and when it is back, and when it nears the end of its rows; and scrolls it back to the top. Every JS call
/// tolerates a circuit that is already gone.
/// </summary>
/// <param name="js">The circuit's JS runtime.</param>
/// <param name="onScrolled">Called with true when the grid scrolled away from the top, false when it is back.</param>
/// <param name="onEnd">Called when the grid scrolled to within a screen of its last row (once per length of the list).</param>
public sealed class LiveGridScroll(IJSRuntime js, Func<bool, Task> onScrolled, Func<Task> onEnd)
{
    private DotNetObjectReference<LiveGridScroll>? _self;
    private IJSObjectReference? _watch;

    /// <summary>Starts watching the grid inside <paramref name="host"/>.</summary>
    public async Task WatchAsync(ElementReference host, CancellationToken cancellationToken)
    {
        try
        {
            _self ??= DotNetObjectReference.Create(this);
            _watch = await js.InvokeAsync<IJSObjectReference?>("authEvents.liveGrid.watch", cancellationToken, host, _self);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
        }
    }

    /// <summary>Scrolls the grid inside <paramref name="host"/> back to its newest rows.</summary>
    public async Task ToTopAsync(ElementReference host, CancellationToken cancellationToken)
    {
        try
        {
            await js.InvokeVoidAsync("authEvents.liveGrid.toTop", cancellationToken, host);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
        }
    }

    /// <summary>Called by the browser's scroll listener when the grid leaves the top or comes back to it.</summary>
    [JSInvokable("OnGridScrolled")]
    public Task OnGridScrolledAsync(bool away) => onScrolled(away);

    /// <summary>Called by the browser's scroll listener when the grid nears the end of its rows.</summary>
    [JSInvokable("OnGridEnd")]
    public Task OnGridEndAsync() => onEnd();

    /// <summary>Removes the browser's scroll listener; the page or the circuit may already be gone, and the listener with it.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_watch is not null)
            {
                await _watch.InvokeVoidAsync("dispose", cancellationToken);
                await _watch.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or OperationCanceledException or ObjectDisposedException)
        {
            // The page or the circuit is gone, and the listener with it.
        }
        finally
        {
            _self?.Dispose();
        }
    }
}
