using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// The names demo traffic is addressed to, and where they really are. Settings are fixed before anything listens, while
/// the simulated providers' loopback port and the dashboard's own address are known only once each has started; so the
/// importers and the webhook sender address stable names under <c>.demo.localhost</c> (loopback by RFC 6761), and
/// <see cref="DemoNetworkHandler"/> sends each request to the address behind its name, like a DNS entry would.
/// </summary>
public sealed class DemoNetwork(IServer server, IHostApplicationLifetime lifetime)
{
    /// <summary>The simulated Login.gov: <c>/api/attempts/poll</c> and <c>/api/attempts-certs</c>. SETs name it as <c>iss</c>.</summary>
    public static readonly Uri LoginGovBaseUrl = new("http://logingov.demo.localhost/");

    /// <summary>The simulated 1Password Events API: <c>/api/v2/signinattempts</c>.</summary>
    public static readonly Uri OnePasswordBaseUrl = new("http://onepassword.demo.localhost/");

    /// <summary>This dashboard, as the simulated Entrust and FusionAuth call it (Entrust signs this URL as <c>@target-uri</c>).</summary>
    public static readonly Uri DashboardBaseUrl = new("http://dashboard.demo.localhost/");

    private readonly TaskCompletionSource<Uri> _providers = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by <see cref="DemoProviderHost"/> once its loopback listener runs.</summary>
    public void ProvidersListening(Uri address) => _providers.TrySetResult(address);

    /// <summary>Called by <see cref="DemoProviderHost"/> when its listener could not start.</summary>
    public void ProvidersFailed(Exception error) => _providers.TrySetException(error);

    /// <summary>
    /// The real URL for <paramref name="uri"/> when it names a demo host, waiting until that host listens; otherwise null.
    /// </summary>
    /// <exception cref="InvalidOperationException">The dashboard listens on no TCP address (an in-memory test server).</exception>
    public async Task<Uri?> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri target;
        if (SameHost(uri, LoginGovBaseUrl) || SameHost(uri, OnePasswordBaseUrl))
        {
            target = await _providers.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (SameHost(uri, DashboardBaseUrl))
        {
            target = await DashboardAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return null;
        }

        return new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
    }

    /// <summary>This dashboard's own address, once it has started listening.</summary>
    /// <exception cref="InvalidOperationException">It listens on no TCP address.</exception>
    public async Task<Uri> DashboardAsync(CancellationToken cancellationToken)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return DashboardAddress.Choose(addresses)
            ?? throw new InvalidOperationException("The dashboard listens on no TCP address, so the simulated Entrust and FusionAuth cannot call its webhooks.");
    }

    private static bool SameHost(Uri uri, Uri demo) => string.Equals(uri.Host, demo.Host, StringComparison.OrdinalIgnoreCase);
}
