using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.EndToEnd;

/// <summary>Demo traffic through inbox writer, processor, SQLite and feed, as the running dashboard wires them.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PipelineEndToEndTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    private int Malformed => pipeline.Deliveries.Count(d => d.IsMalformed);

    [Fact]
    public async Task Process_AnHourOfDemoTraffic_StoresEveryWellFormedDeliveryOnce()
    {
        var expected = pipeline.Deliveries.Where(d => !d.IsMalformed)
            .Select(d => (d.Source, Key: pipeline.KeyOf(d)!.Value))
            .Select(d => (d.Source, d.Key.Tenant, d.Key.ProviderEventId))
            .ToHashSet();

        await using var db = await pipeline.Database.Contexts.CreateDbContextAsync();
        var stored = (await db.Events.Select(e => new { e.Source, e.Tenant, e.ProviderEventId }).ToListAsync()).Select(e => (e.Source, e.Tenant, e.ProviderEventId)).ToList();

        Assert.True(expected.Count > 5_000, $"{expected.Count} deliveries");
        Assert.Equal(expected.Count, pipeline.FirstPass.Events);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.True(expected.SetEquals(stored));
        Assert.Equal(0, pipeline.FirstPass.NonDemoEvents);
        Assert.Equal(Enum.GetValues<EventSource>(), stored.Select(e => e.Source).Distinct().Order());
    }

    [Fact]
    public async Task Process_MalformedDeliveries_EachQuarantinedWithReason()
    {
        await using var db = await pipeline.Database.Contexts.CreateDbContextAsync();
        var reasons = await db.Quarantine.Select(q => q.Reason).ToListAsync();

        Assert.True(Malformed > 20, $"{Malformed} malformed");
        Assert.Equal(Malformed, pipeline.FirstPass.Quarantine);
        Assert.All(reasons, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        Assert.Equal(pipeline.Deliveries.Count, pipeline.FirstPass.Inbox);
        Assert.Equal(0, pipeline.FirstPass.Pending);
        Assert.Equal(pipeline.FirstPass.Events, pipeline.FirstPass.Normalized);
    }

    [Fact]
    public void Write_SameDeliveriesAgain_StoresNothingNew()
    {
        Assert.Equal(0, pipeline.Rewrite.Added);
        Assert.Equal(pipeline.Deliveries.Count, pipeline.Rewrite.Duplicates);
        Assert.Equal(pipeline.FirstPass, pipeline.AfterRewrite);
    }

    [Fact]
    public void Process_EveryInboxRowReplayed_StoresNothingTwice()
    {
        Assert.Equal(pipeline.FirstPass, pipeline.AfterReplay);
    }

    [Fact]
    public void Feed_Subscription_NewEventsSumToStoredCount()
    {
        var updates = pipeline.FeedAfterFirstPass;

        Assert.True(updates.Count > 1, $"{updates.Count} updates");
        Assert.Equal(pipeline.FirstPass.Events, updates.Sum(u => u.NewEvents));
        Assert.Equal(pipeline.FirstPass.Quarantine, updates.Sum(u => u.Quarantined));
        Assert.All(updates, u => Assert.Equal(u.NewEvents, u.BySource.Values.Sum()));
    }

    [Fact]
    public void Feed_RewriteAndReplay_AnnounceNoNewEvents()
    {
        Assert.Equal(pipeline.FirstPass.Events, pipeline.FeedAfterReplay.Sum(u => u.NewEvents));
        Assert.Equal(pipeline.FirstPass.Quarantine * 2, pipeline.FeedAfterReplay.Sum(u => u.Quarantined));
    }

    [Fact]
    public void Collect_RawPayloads_FindsEveryKindOfPersonalValue()
    {
        var byKind = pipeline.Sensitive.ByKind;

        Assert.True(byKind["ssn"].Count > 20, $"{byKind["ssn"].Count} SSNs");
        Assert.All(byKind["ssn"], ssn => Assert.Matches(@"^9\d{2}-\d{2}-\d{4}$", ssn));
        Assert.All(
            (string[])["ssn_digits", "date_of_birth", "document_number", "document_issued", "document_expiration", "encryption_key",
                "first_name", "last_name", "address1", "phone_number", "email", "name"],
            kind => Assert.True(byKind.TryGetValue(kind, out var values) && values.Count > 20, kind));
        Assert.Contains(byKind["email"], email => pipeline.Deliveries.Any(d => d.Source == EventSource.Entrust && d.Payload.Contains(email, StringComparison.Ordinal)));
        Assert.True(pipeline.Sensitive.Indistinguishable.Count <= 3, string.Join(", ", pipeline.Sensitive.Indistinguishable));
    }

    [Fact]
    public async Task Store_DatabaseFiles_HoldNoPersonalValueOfThePayloads()
    {
        var inFiles = await ScanDatabaseFilesAsync(pipeline.Sensitive);
        var inCells = pipeline.Sensitive.FindIn(await pipeline.Database.ReadTextCellsAsync());

        Assert.Empty(inFiles);
        Assert.Empty(inCells);
    }

    [Fact]
    public void Logs_EveryLevel_HoldNoPersonalValueOfThePayloads()
    {
        var entries = pipeline.Logs.Entries;

        Assert.Contains(entries, e => e.StartsWith("Debug AuthEvents.Ingest.Pipeline.InboxProcessor", StringComparison.Ordinal) && e.Contains("Inbox batch:", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("Information Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Empty(pipeline.Sensitive.FindIn(string.Join('\n', entries)));
    }

    [Fact]
    public async Task Scan_MarkerPlantedInAnEventRowAndALogLine_IsFound()
    {
        const string Marker = "planted-900-55-1234";
        var withMarker = pipeline.Sensitive.With("marker", Marker);
        await using (var db = await pipeline.Database.Contexts.CreateDbContextAsync())
        {
            var row = await db.Events.OrderBy(e => e.Id).FirstAsync();
            row.AttributesJson = row.AttributesJson.TrimEnd('}') + (row.AttributesJson.Length > 2 ? "," : "") + $"\"probe\":\"{Marker}\"}}";
            await db.SaveChangesAsync();
        }

        using (var loggers = pipeline.Logs.CreateFactory())
        {
            loggers.CreateLogger("Probe").Log(LogLevel.Trace, new EventId(1), Marker, null, (state, _) => "probe " + state);
        }

        Assert.Contains("test.db: " + Marker, await ScanDatabaseFilesAsync(withMarker));
        Assert.Contains(Marker, withMarker.FindIn(await pipeline.Database.ReadTextCellsAsync()));
        Assert.Contains(Marker, withMarker.FindIn(string.Join('\n', pipeline.Logs.Entries)));
    }

    private async Task<List<string>> ScanDatabaseFilesAsync(SensitiveValues values)
    {
        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(Path.GetDirectoryName(pipeline.Database.FilePath)!, "test.db*");
        Assert.Contains(pipeline.Database.FilePath, files);
        var found = new List<string>();
        foreach (var file in files)
        {
            found.AddRange(values.FindIn(await File.ReadAllBytesAsync(file)).Select(v => $"{Path.GetFileName(file)}: {v}"));
        }

        return found;
    }
}
