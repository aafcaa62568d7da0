using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Leases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AuthEvents.Ingest.Feed;

/// <summary>
/// Carries the live feed between dashboard nodes on one PostgreSQL database with <c>LISTEN/NOTIFY</c>: each node's
/// commits (<see cref="EventFeed.Committed"/>) go out on the channel <see cref="Channel"/>, and what the other nodes send
/// reaches this node's pages and hub subscribers (<see cref="EventFeed.PublishFromOtherNode"/>), which then re-query the
/// store. Counts only (well under NOTIFY's 8,000-byte limit); lossy like the feed itself: a notification missed while the
/// listening connection is down is made up for by the next one. Does nothing on SQLite (one node).
/// </summary>
public sealed partial class PostgresFeedRelay(IServiceProvider services, EventFeed feed, NodeIdentity node, TimeProvider time, ILogger<PostgresFeedRelay> logger)
    : BackgroundService
{
    public const string Channel = "authevents_feed";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly Channel<FeedUpdate> _outgoing = System.Threading.Channels.Channel.CreateBounded<FeedUpdate>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node listens for the other nodes' commits.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var location = services.GetRequiredService<StoreLocation>();
        if (location.Provider != StoreProvider.PostgreSql)
        {
            return;
        }

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        feed.Committed += Enqueue;
        try
        {
            await Task.WhenAll(ListenAsync(location.ConnectionString, stoppingToken), SendAsync(dataSource, stoppingToken)).ConfigureAwait(false);
        }
        finally
        {
            feed.Committed -= Enqueue;
        }
    }

    private void Enqueue(FeedUpdate update) => _outgoing.Writer.TryWrite(update);

    private async Task SendAsync(NpgsqlDataSource dataSource, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in _outgoing.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("payload", Serialize(node.Id, update));
                    await command.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    // The other nodes miss this tick; their next one re-queries everything anyway.
                    LogSendFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        // Its own connection, outside the pool: it stays open and waits; keepalives notice a dead server or network.
        var listen = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 10, Pooling = false }.ToString();
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listen);
                connection.Notification += (_, e) => Receive(e.Payload);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                await using (var command = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await command.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                backoff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                LogListenFailed(logger, ex.GetType().Name, backoff);
                try
                {
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }
        }
    }

    private void Receive(string payload)
    {
        if (Deserialize(payload) is { } message && message.Node != node.Id)
        {
            feed.PublishFromOtherNode(message.Update);
        }
    }

    public static string Serialize(string node, FeedUpdate update) => JsonSerializer.Serialize(new Message
    {
        Node = node,
        Events = update.NewEvents,
        Quarantined = update.Quarantined,
        BySource = update.BySource.ToDictionary(p => ((int)p.Key).ToString(CultureInfo.InvariantCulture), p => p.Value),
        NewestTicks = update.NewestOccurredAt?.UtcTicks,
        Alerts = update.AlertChanges,
    });

    /// <summary>Another node's message, or null for anything else on the channel (it is not trusted to be ours).</summary>
    public static (string Node, FeedUpdate Update)? Deserialize(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<Message>(payload) is not { Node: { } sender } m || m.Events < 0 || m.Quarantined < 0 || m.Alerts < 0)
            {
                return null;
            }

            var bySource = new Dictionary<EventSource, int>();
            foreach (var (key, count) in m.BySource ?? [])
            {
                if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && Enum.IsDefined((EventSource)s) && count > 0)
                {
                    bySource[(EventSource)s] = count;
                }
            }

            DateTimeOffset? newest = m.NewestTicks is { } t && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(t, TimeSpan.Zero)
                : null;
            return (sender, new FeedUpdate(m.Events, m.Quarantined, bySource, newest) { AlertChanges = m.Alerts });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed to the other nodes: a notification could not be sent ({ErrorType})")]
    private static partial void LogSendFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed from the other nodes: listening failed ({ErrorType}); trying again in {Backoff}")]
    private static partial void LogListenFailed(ILogger logger, string errorType, TimeSpan backoff);

    private sealed class Message
    {
        public string? Node { get; set; }
        public int Events { get; set; }
        public int Quarantined { get; set; }
        public Dictionary<string, int>? BySource { get; set; }
        public long? NewestTicks { get; set; }
        public int Alerts { get; set; }
    }
}
