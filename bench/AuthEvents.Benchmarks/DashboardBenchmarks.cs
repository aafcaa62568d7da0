using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Benchmarks;

/// <summary>
/// Issue 4's pages at the server: the overview and failures query sets over the dataset's last 7 days (target under
/// 300 ms each), the <c>/live</c> first page and rate, and the export stream's throughput.
/// </summary>
internal static class DashboardBenchmarks
{
    private static readonly TimeSpan PageTarget = TimeSpan.FromMilliseconds(300);

    /// <summary>Issue 13: the /live grid's first page at 10M events.</summary>
    private static readonly TimeSpan LiveTarget = TimeSpan.FromMilliseconds(50);

    /// <summary>The <c>overview</c> command: every set below, one after another.</summary>
    public static async Task RunAllAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await OverviewAsync(context, cancellationToken);
        await FailuresAsync(context, cancellationToken);
        await LiveAsync(context, cancellationToken);
        await ExportAsync(context, cancellationToken);
    }

    public static async Task OverviewAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (from, to) = (context.Now.AddDays(-7), context.Now);
        var overview = context.Get<OverviewQueries>();
        context.Section($"Overview, 7 days [{from:u}, {to:u})");
        await context.TimeAsync("overview: LoadAsync (every tile and chart)", ct => overview.LoadAsync(from, to, null, ct), cancellationToken, PageTarget);
        // A fresh OverviewQueries each run: no day's person ids kept from an earlier call (the first load after a start).
        var contexts = context.Get<IDbContextFactory<AuthEventsDbContext>>();
        await context.TimeAsync("overview: LoadAsync, first call (nothing kept in memory)", ct => new OverviewQueries(contexts).LoadAsync(from, to, null, ct), cancellationToken);
        await context.TimeAsync("overview: LoadAsync, one source (LoginGov)", ct => overview.LoadAsync(from, to, EventSource.LoginGov, ct), cancellationToken, PageTarget);
        // A page calls LoadAsync; the single queries are timed for the record, one after another on one thread.
        await context.TimeAsync("overview: the seven single queries in turn", async ct =>
        {
            await overview.KpisAsync(from, to, null, ct);
            await overview.AttemptsOverTimeAsync(from, to, null, null, ct);
            await overview.MilestonesAsync(from, to, null, ct);
            await overview.MfaByAuthenticatorAsync(from, to, null, ct);
            await overview.TopReasonsAsync(from, to, null, 10, ct);
            await overview.SourcesAsync(from, to, null, ct);
            await overview.CountriesAsync(from, to, null, 20, ct);
        }, cancellationToken);
        await context.TimeAsync("  of which KpisAsync (this and previous 7 days)", ct => overview.KpisAsync(from, to, null, ct), cancellationToken);
        await context.TimeAsync("  of which AttemptsOverTimeAsync (hourly)", ct => overview.AttemptsOverTimeAsync(from, to, null, null, ct), cancellationToken);
        await context.TimeAsync("  of which MilestonesAsync", ct => overview.MilestonesAsync(from, to, null, ct), cancellationToken);
        await context.TimeAsync("  of which MfaByAuthenticatorAsync", ct => overview.MfaByAuthenticatorAsync(from, to, null, ct), cancellationToken);
        await context.TimeAsync("  of which TopReasonsAsync", ct => overview.TopReasonsAsync(from, to, null, 10, ct), cancellationToken);
        await context.TimeAsync("  of which SourcesAsync", ct => overview.SourcesAsync(from, to, null, ct), cancellationToken);
        await context.TimeAsync("  of which CountriesAsync", ct => overview.CountriesAsync(from, to, null, 20, ct), cancellationToken);
        await context.TimeAsync("overview: LoadAsync over 30 days", ct => overview.LoadAsync(context.Now.AddDays(-30), to, null, ct), cancellationToken);
    }

    public static async Task FailuresAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (from, to) = (context.Now.AddDays(-7), context.Now);
        var failures = context.Get<FailureQueries>();
        context.Section($"Failures, 7 days [{from:u}, {to:u})");
        await context.TimeAsync("failures: LoadAsync + CompareAsync (the page)", async ct =>
        {
            await failures.LoadAsync(from, to, null, ct);
            await failures.CompareAsync(from, to, from.AddDays(-7), from, null, ct);
        }, cancellationToken, PageTarget);
        await context.TimeAsync("  of which LoadAsync (two trees with trends, over time)", ct => failures.LoadAsync(from, to, null, ct), cancellationToken);
        await context.TimeAsync("  of which CompareAsync (this week against last)", ct => failures.CompareAsync(from, to, from.AddDays(-7), from, null, ct), cancellationToken);
    }

    public static async Task LiveAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var events = context.Get<EventQueries>();
        var live = context.Get<LiveQueries>();
        context.Section("/live");
        var first = new EventPageRequest { Take = 100 };
        await context.TimeAsync("live: first page of 100 + total, last 15 min", ct => events.PageAsync(new EventQuery { From = now.AddMinutes(-15) }, first, ct), cancellationToken, LiveTarget);
        await context.TimeAsync("live: first page of 100 + total, last 24 h", ct => events.PageAsync(new EventQuery { From = now.AddHours(-24) }, first, ct), cancellationToken, LiveTarget);
        await context.TimeAsync("live: first page + total, 7 d, failures of 2 sources", ct => events.PageAsync(
            new EventQuery { From = now.AddDays(-7), Outcomes = [Outcome.Failure, Outcome.RateLimited], Sources = [EventSource.LoginGov, EventSource.OnePassword] }, first, ct), cancellationToken, LiveTarget);
        await context.TimeAsync("live: first page + total, 24 h, reason mfa-invalid", ct => events.PageAsync(
            new EventQuery { From = now.AddHours(-24), Reasons = [CanonicalReasons.MfaInvalid] }, first, ct), cancellationToken, LiveTarget);
        await context.TimeAsync("live: first page + total, 24 h, free text 'firefox'", ct => events.PageAsync(
            new EventQuery { From = now.AddHours(-24), Text = "firefox" }, first, ct), cancellationToken);
        var snapshot = (await events.PageAsync(new EventQuery { From = now.AddDays(-30) }, first, cancellationToken)).SnapshotId;
        await context.TimeAsync("live: page 5,000 deep (skip 500,000), 30 d", ct => events.PageAsync(
            new EventQuery { From = now.AddDays(-30) }, new EventPageRequest { Skip = 500_000, Take = 100, SnapshotId = snapshot }, ct), cancellationToken);
        var deep = (await events.PageAsync(new EventQuery { From = now.AddDays(-30) }, new EventPageRequest { Skip = 499_999, Take = 1, SnapshotId = snapshot }, cancellationToken)).Next;
        await context.TimeAsync("live: page after the 500,000th row (keyset cursor), 30 d", ct => events.PageAsync(
            new EventQuery { From = now.AddDays(-30) }, new EventPageRequest { After = deep, Take = 100, SnapshotId = snapshot }, ct), cancellationToken);
        await context.TimeAsync("live: per-second rate, last 5 min", ct => live.LiveRateAsync(now, TimeSpan.FromMinutes(5), EventQuery.All, ct), cancellationToken);
        await context.TimeAsync("live: per-minute rate, last 24 h", ct => live.RateAsync(new EventQuery { From = now.AddHours(-24), To = now }, TimeSpan.FromMinutes(1), ct), cancellationToken);
    }

    public static async Task ExportAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Get<EventQueries>();
        context.Section("Export (EventQueries.StreamAsync, each row formatted as a CSV line into a null writer; no HTTP)");
        foreach (var days in new[] { 7, 30 })
        {
            var query = new EventQuery { From = context.Now.AddDays(-days) };
            long rows = 0;
            var timing = await context.TimeAsync($"export: stream {days} days", async ct => rows = await StreamAsync(events, query, ct), cancellationToken, iterations: 3);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {rows:N0} rows: {rows / (timing.MedianMs / 1000):N0} rows/s"));
        }
    }

    private static async Task<long> StreamAsync(EventQueries events, EventQuery query, CancellationToken cancellationToken)
    {
        long rows = 0;
        var writer = TextWriter.Null;
        await foreach (var row in events.StreamAsync(query, cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',',
                row.Source, row.Tenant, row.ProviderEventId, row.EventType, row.Milestone, row.Outcome,
                row.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), row.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                row.FailureReasons, row.Person, row.EmailMasked, row.Session, row.Ip, row.Country, row.City, row.Authenticator, row.IsDemo));
            rows++;
        }

        return rows;
    }
}
