using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Telemetry;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Queries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Polls Login.gov's Attempts API (docs/protocols/login-gov.md, "Importer procedure"). Each poll acknowledges the jtis stored by the previous one; the
/// SETs it returns are written to the inbox, as delivered JWEs, in the same transaction as the new pending acks. So
/// Login.gov is only ever acked for events already stored, and a crash between the two costs a harmless redelivery.
/// </summary>
public sealed partial class LoginGovImporter(
    LoginGovPollClient client,
    InboxWriter writer,
    InboxStore inbox,
    EventQueries queries,
    IOptions<LoginGovSourceOptions> options,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<LoginGovImporter> logger,
    AuthEvents.Store.Leases.SourceLeases? leases = null) : PollingSource(EventSource.LoginGov, inbox, metrics, time, logger, leases)
{
    private readonly LoginGovSourceOptions _options = options.Value;

    // The last poll returned SETs that are not a full batch: one immediate follow-up poll delivers their acks.
    private bool _followUp;

    protected override TimeSpan PollInterval => _options.PollInterval;

    /// <summary>Polls and stores once (<see cref="PollAndStoreAsync"/>), and says how long to wait before the next poll.</summary>
    public override async Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken) =>
        NextWait(await PollAndStoreAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Polls once with the stored pending acks, then stores every returned SET and replaces the pending acks with
    /// exactly their jtis, in one transaction. Throws <see cref="LoginGovPollException"/> when the poll fails.
    /// </summary>
    public async Task<LoginGovPollResult> PollAndStoreAsync(CancellationToken cancellationToken)
    {
        var acks = await ReadPendingAcksAsync(cancellationToken).ConfigureAwait(false);
        var sets = await client.PollAsync(acks, cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var issuer = _options.Issuer ?? "";
        var records = sets
            .Select(set => new InboundRecord(EventSource.LoginGov, set.Value, now, false, new InboxKey(issuer, set.Key), PayloadFormats.Jwe))
            .ToList();
        var stored = sets.Keys.ToList();
        var result = await writer.WriteAsync(records, EventSource.LoginGov, state =>
        {
            // The poll just delivered the old acks; what remains to ack is exactly what this poll returned and we stored.
            state.PendingAcks = stored.Count == 0 ? null : JsonSerializer.Serialize(stored);
            state.LastSuccessAtTicks = now.UtcTicks;
            state.LastAttemptAtTicks = now.UtcTicks;
            state.ConsecutiveFailures = 0;
            state.LastError = null;
        }, cancellationToken).ConfigureAwait(false);
        LogPolled(logger, acks.Count, sets.Count, result.Added, result.Duplicates);
        return new LoginGovPollResult(sets.Count, result.Added);
    }

    /// <summary>
    /// A full batch with something new means more are waiting: poll at once. Any other non-empty batch leaves acks to
    /// deliver, so one immediate follow-up poll delivers them (and fetches what arrived meanwhile). Otherwise wait the
    /// interval; the follow-up limit keeps a deployment that ignores acks from being polled in a tight loop.
    /// </summary>
    private TimeSpan NextWait(LoginGovPollResult result)
    {
        if (result.Returned >= _options.MaxEvents && result.Added > 0)
        {
            _followUp = false;
            return TimeSpan.Zero;
        }

        if (result.Returned > 0 && !_followUp)
        {
            _followUp = true;
            return TimeSpan.Zero;
        }

        _followUp = false;
        return _options.PollInterval;
    }

    protected override void OnPollFailed() => _followUp = false;

    private async Task<IReadOnlyList<string>> ReadPendingAcksAsync(CancellationToken cancellationToken)
    {
        var states = await queries.GetSourceStatesAsync(cancellationToken).ConfigureAwait(false);
        var pending = states.FirstOrDefault(s => s.Source == EventSource.LoginGov)?.PendingAcks;
        return string.IsNullOrEmpty(pending) ? [] : JsonSerializer.Deserialize<List<string>>(pending) ?? [];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Login.gov poll: {Acked} acked, {Returned} returned, {Added} new, {Duplicates} duplicates")]
    private static partial void LogPolled(ILogger logger, int acked, int returned, int added, int duplicates);
}
