using AuthEvents.Core.Events;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// The last step of a webhook: the durable inbox write, with the source's health in the same commit. It answers
/// 200 only once the write is committed, and 503 (so the provider retries) when the store cannot take it in time.
/// </summary>
public sealed partial class WebhookInboxWriter(InboxWriter inbox, InboxStore store, TimeProvider time, ILogger<WebhookInboxWriter> logger)
{
    /// <summary>Entrust allows 3 s for the whole answer; the write gets most of it.</summary>
    public static readonly TimeSpan WriteDeadline = TimeSpan.FromMilliseconds(2500);

    public async Task<IResult> WriteAsync(EventSource source, string payload, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var deadline = new CancellationTokenSource(WriteDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var result = await inbox.WriteAsync([new InboundRecord(source, payload, now, IsDemo: false)], source, state =>
            {
                state.LastSuccessAtTicks = now.UtcTicks;
                state.LastAttemptAtTicks = now.UtcTicks;
                state.ConsecutiveFailures = 0;
                state.LastError = null;
            }, WritePriority.Prompt, linked.Token);
            return Results.Ok(new { status = result.Added > 0 ? "stored" : "duplicate" });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or IOException)
        {
            LogStoreUnavailable(logger, source, ex.GetType().Name);
            await TryRecordFailureAsync(source, $"store unavailable on receipt ({ex.GetType().Name})");
            return Results.Problem(detail: "The event could not be stored; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task TryRecordFailureAsync(EventSource source, string error)
    {
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
            await store.RecordFailureAsync(source, error, budget.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            // The store is down; the 503 already tells the provider to retry.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} webhook could not be stored: {ExceptionType}; answered 503")]
    private static partial void LogStoreUnavailable(ILogger logger, EventSource source, string exceptionType);
}
