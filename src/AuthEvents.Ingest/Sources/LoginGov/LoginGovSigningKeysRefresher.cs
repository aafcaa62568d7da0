using AuthEvents.Core.LoginGov;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Keeps Login.gov's SET-signing JWKS (<c>SigningKeysUrl</c>) current. It is fetched while the host starts, before the
/// inbox processor runs; then again every <c>SigningKeysRefreshInterval</c> (Login.gov caches it for a week), and at once
/// when a signed SET does not verify with the loaded keys (a rotation), at most once per
/// <see cref="UnknownKeySpacing"/>. A failed fetch keeps the keys already loaded and is retried after
/// <see cref="RetryAfterFailure"/>. Without any keys, unsigned SETs are still accepted and signed ones are quarantined
/// as unverifiable (replayable once the keys load), never accepted unverified.
/// </summary>
public sealed partial class LoginGovSigningKeysRefresher(
    IHttpClientFactory httpClients,
    LoginGovSetDecoderProvider decoders,
    IOptions<LoginGovSourceOptions> options,
    TimeProvider time,
    ILogger<LoginGovSigningKeysRefresher> logger) : BackgroundService, IHostedLifecycleService
{
    public const string HttpClientName = "LoginGov.SigningKeys";

    /// <summary>The least time between two fetches asked for by SETs that did not verify.</summary>
    public static readonly TimeSpan UnknownKeySpacing = TimeSpan.FromSeconds(30);

    /// <summary>How soon a failed fetch is tried again (or the refresh interval, when that is shorter).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly LoginGovSourceOptions _options = options.Value;
    // Written under _fetching, read by the schedule loop without it: plain longs and bools read whole.
    private long _lastAttemptTicks;
    private volatile bool _lastSucceeded;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (_options.SigningKeysUrl is not null)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fetches the JWKS now. Returns false when the fetch failed (the loaded keys are kept).</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await FetchAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>
    /// For a signed SET that did not verify: fetches the JWKS unless a fetch happened within <see cref="UnknownKeySpacing"/>.
    /// Returns true only when new keys were loaded, that is when decoding again can succeed.
    /// </summary>
    public async Task<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        if (_options.SigningKeysUrl is null)
        {
            return false;
        }

        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (LastAttempt is { } last && time.GetUtcNow() - last < UnknownKeySpacing)
            {
                return false;
            }

            LogUnknownKey(logger);
            return await FetchAsync(cancellationToken).ConfigureAwait(false) == true;
        }
        finally
        {
            _fetching.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.SigningKeysUrl is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // Re-read each time: a fetch for an unknown key in between moves the next scheduled one.
            var due = NextDue();
            var wait = due - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }

                if (time.GetUtcNow() >= NextDue())
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        base.Dispose();
        _fetching.Dispose();
    }

    private DateTimeOffset? LastAttempt =>
        Interlocked.Read(ref _lastAttemptTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private DateTimeOffset NextDue()
    {
        if (LastAttempt is not { } last)
        {
            return time.GetUtcNow();
        }

        var interval = _options.SigningKeysRefreshInterval;
        return last + (_lastSucceeded || interval < RetryAfterFailure ? interval : RetryAfterFailure);
    }

    // Null: the fetch failed; true: new keys are in use; false: the same keys came back. Called holding _fetching.
    private async Task<bool?> FetchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastAttemptTicks, time.GetUtcNow().UtcTicks);
        try
        {
            // Factory clients need no disposal; the factory owns their handlers.
            var http = httpClients.CreateClient(HttpClientName);
            using var timeout = new CancellationTokenSource(FetchTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var json = await http.GetStringAsync(_options.SigningKeysUrl, linked.Token).ConfigureAwait(false);
            var keys = LoginGovSigningKeys.FromJwks(json);
            var count = keys.Count;
            var changed = decoders.UseSigningKeys(keys);
            _lastSucceeded = true;
            if (changed)
            {
                LogLoaded(logger, count);
            }

            return changed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed fetch keeps the loaded keys; it is logged (without the response) and retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _lastSucceeded = false;
            LogFailed(logger, ex.GetType().Name, decoders.SigningKeyCount, RetryAfterFailure);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} Login.gov SET signing key(s)")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A signed Login.gov SET did not verify with the loaded keys; fetching the signing keys again")]
    private static partial void LogUnknownKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load Login.gov's signing keys ({ExceptionType}); keeping the {Count} loaded key(s), retrying within {Retry}. Signed SETs that need another key are quarantined until it loads")]
    private static partial void LogFailed(ILogger logger, string exceptionType, int count, TimeSpan retry);
}
