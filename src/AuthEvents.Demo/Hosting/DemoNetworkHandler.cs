namespace AuthEvents.Demo.Hosting;

/// <summary>
/// Added to every HttpClient in demo mode: sends a request addressed to a <see cref="DemoNetwork"/> name to the address
/// behind it, and leaves every other request alone.
/// </summary>
public sealed class DemoNetworkHandler(DemoNetwork network) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && await network.ResolveAsync(uri, cancellationToken).ConfigureAwait(false) is { } real)
        {
            request.RequestUri = real;
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
