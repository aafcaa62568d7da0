using System.Globalization;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Benchmarks;

/// <summary>
/// Issue 13, free text: the /live grid's first page (100 rows and the total) for searches from the index, over all stored
/// events and over the last 24 hours, from common two-letter prefixes to one event's id; then a live tick's reads.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly TimeSpan FirstPageTarget = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Get<EventQueries>();
        var now = context.Now;
        string ip;
        string providerId;
        await using (var db = await context.Store.Contexts.CreateDbContextAsync(cancellationToken))
        {
            var newest = await db.Events.AsNoTracking().Where(e => e.Ip != null).OrderByDescending(e => e.Id)
                .Select(e => new { e.Ip, e.ProviderEventId }).FirstAsync(cancellationToken);
            ip = string.Join('.', newest.Ip!.Split('.').Take(2));
            providerId = newest.ProviderEventId;
        }

        var first = new EventPageRequest { Take = 100 };
        var texts = new[] { "lo", "login", "fail", "mfa invalid", ip, "example.com", "firefox", providerId };
        foreach (var (label, from) in new (string, DateTimeOffset?)[] { ("all events", null), ("last 24 h", now.AddHours(-24)) })
        {
            context.Section($"Free text, first page of 100 with its total, {label}");
            foreach (var text in texts)
            {
                var query = new EventQuery { From = from, Text = text };
                var total = (await events.PageAsync(query, first, cancellationToken)).TotalCount;
                await context.TimeAsync(string.Create(CultureInfo.InvariantCulture, $"free text, {label}: q={Shorten(text)} ({total:N0} match)"),
                    ct => events.PageAsync(query, first, ct), cancellationToken, FirstPageTarget);
            }
        }

        context.Section("Free text, a live tick: what arrived after the page (none) and its count");
        foreach (var text in new[] { "login", "firefox" })
        {
            var query = new EventQuery { From = now.AddHours(-24), Text = text };
            var snapshot = (await events.PageAsync(query, first, cancellationToken)).SnapshotId;
            await context.TimeAsync($"NewerAsync + CountNewerAsync, q={text}", async ct =>
            {
                await events.NewerAsync(query, snapshot, ct);
                await events.CountNewerAsync(query, snapshot, ct);
            }, cancellationToken);
        }
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..21] + "...";
}
