using AuthEvents.Core.LoginGov;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Fetches Login.gov's SET-signing JWKS (<c>SigningKeysUrl</c>) once, while the host is starting, before the inbox
/// processor runs. Optional: without it, or when the fetch fails, unsigned SETs are still accepted and signed ones are
/// quarantined as unverifiable (replayable after a restart that loads the keys), never accepted unverified.
/// </summary>
public sealed partial class LoginGovSigningKeysLoader(
    IHttpClientFactory httpClients,
    LoginGovSetDecoderProvider decoders,
    IOptions<LoginGovSourceOptions> options,
    ILogger<LoginGovSigningKeysLoader> logger) : IHostedLifecycleService
{
    public const string HttpClientName = "LoginGov.SigningKeys";
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SigningKeysUrl is not { } url)
        {
            return;
        }

        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            var json = await http.GetStringAsync(url, timeout.Token).ConfigureAwait(false);
            var keys = LoginGovSigningKeys.FromJwks(json);
            decoders.UseSigningKeys(keys);
            LogLoaded(logger, keys.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The keys are optional; start without them and say why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} Login.gov SET signing key(s)")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load Login.gov's signing keys ({ExceptionType}); signed SETs will be quarantined until they load")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
