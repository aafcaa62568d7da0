using Microsoft.AspNetCore.Components;

namespace AuthEvents.Web.Components.Controls;

/// <summary>
/// Base for components that query: <see cref="PageToken"/> is cancelled when the component goes away (navigation,
/// a closed circuit), so no query or JS call outlives the page that asked for it.
/// </summary>
public abstract class PageComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();

    protected CancellationToken PageToken => _lifetime.Token;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_lifetime.IsCancellationRequested)
        {
            _lifetime.Cancel();
            _lifetime.Dispose();
        }
    }
}
