using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.FusionAuth;

/// <summary>
/// FusionAuth's published signing keys (<c>Sources:FusionAuth:JwksUrl</c>, normally <c>https://host/.well-known/jwks.json</c>),
/// fetched when the host starts and cached. They are fetched again when they are older than <see cref="MaxAge"/>, and when
/// a webhook names a <c>kid</c> the set does not hold (a key rotation), at most once per <see cref="RefetchSpacing"/>. A
/// failed fetch keeps the keys already loaded.
/// </summary>
public sealed partial class FusionAuthJwksCache(
    IHttpClientFactory httpClients,
    IOptions<FusionAuthSourceOptions> options,
    TimeProvider time,
    ILogger<FusionAuthJwksCache> logger) : IHostedService, IDisposable
{
    public const string HttpClientName = "FusionAuth.Jwks";

    /// <summary>The least time between two fetches; bounds what unknown <c>kid</c>s (or forged ones) can cause.</summary>
    public static readonly TimeSpan RefetchSpacing = TimeSpan.FromSeconds(30);

    /// <summary>Keys older than this are fetched again on the next webhook, so removed keys stop verifying.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    // FusionAuth waits for the webhook's answer only its configured read timeout: the fetch must not take long.
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly Uri? _url = options.Value.Enabled ? options.Value.JwksUrl : null;
    private LoadedKeys? _loaded;
    private DateTimeOffset? _attemptedAt;
    private volatile bool _lastFetchFailed;
    private Task? _warmUp;

    /// <summary>Whether a JWKS is configured at all.</summary>
    public bool IsConfigured => _url is not null;

    /// <summary>
    /// The cached keys, fetched first when none were loaded yet or they are older than <see cref="MaxAge"/> (subject to
    /// <see cref="RefetchSpacing"/>). Null while no key set could ever be loaded.
    /// </summary>
    public async Task<IReadOnlyList<FusionAuthVerificationKey>?> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (_url is null)
        {
            return null;
        }

        if (Volatile.Read(ref _loaded) is { } loaded && time.GetUtcNow() - loaded.FetchedAt < MaxAge)
        {
            return loaded.Keys;
        }

        await FetchUnlessRecentAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _loaded)?.Keys;
    }

    /// <summary>
    /// For a webhook whose <c>kid</c> is not in the cached set: fetches the set again unless that happened within
    /// <see cref="RefetchSpacing"/>. Returns whether the keys are usable for a decision now: false when the last fetch
    /// failed or none ever succeeded, so the caller should ask FusionAuth to retry rather than reject.
    /// </summary>
    public async Task<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        if (_url is null)
        {
            return false;
        }

        await FetchUnlessRecentAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _loaded) is not null && !_lastFetchFailed;
    }

    /// <summary>Starts the first fetch without holding up the host's start.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_url is not null)
        {
            _warmUp = FetchUnlessRecentAsync(CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_warmUp is { } warmUp)
        {
            await warmUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _fetching.Dispose();

    private async Task FetchUnlessRecentAsync(CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever waited for the previous fetch uses its result rather than fetching again.
            if (_attemptedAt is { } attempted && time.GetUtcNow() - attempted < RefetchSpacing)
            {
                return;
            }

            _attemptedAt = time.GetUtcNow();
            await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            using var timeout = new CancellationTokenSource(FetchTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var jwks = FusionAuthJwks.Parse(await http.GetStringAsync(_url, linked.Token).ConfigureAwait(false));
            foreach (var note in jwks.SkippedKeys)
            {
                LogSkipped(logger, note);
            }

            Volatile.Write(ref _loaded, new LoadedKeys(jwks.Keys, time.GetUtcNow()));
            _lastFetchFailed = false;
            LogLoaded(logger, jwks.Keys.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An unreachable or broken JWKS keeps the loaded keys; the webhook answers 503 when it needs new ones.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _lastFetchFailed = true;
            LogFailed(logger, ex.GetType().Name, Volatile.Read(ref _loaded)?.Keys.Count ?? 0);
        }
    }

    // Keys and their fetch time change together, so readers without the lock never see one without the other.
    private sealed record LoadedKeys(IReadOnlyList<FusionAuthVerificationKey> Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} FusionAuth webhook signing key(s) from the JWKS")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FusionAuth JWKS: {Note}")]
    private static partial void LogSkipped(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load FusionAuth's JWKS ({ExceptionType}); keeping the {Count} loaded key(s). Webhooks that need another key get 503 so that FusionAuth retries")]
    private static partial void LogFailed(ILogger logger, string exceptionType, int count);
}
