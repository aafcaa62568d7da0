using AuthEvents.Core.Events;
using AuthEvents.Core.Privacy;
using AuthEvents.Demo.Hosting;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SourcesPage = AuthEvents.Web.Components.Pages.Sources.SourcesPage;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The sources page over a store with some events, a failing source and two quarantined 1Password records: every
/// provider with its mode, activity and health; the quarantine with each record's reason, narrowed to one source by the
/// URL; replay requeues the records in the inbox and wakes the processor; and the page follows the feed when a replayed
/// record is stored.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SourcesPageTests : PageTestContext
{
    private const string MissingId = "missing required field 'uuid'";
    private const string BadTimestamp = "timestamp is not a date";
    private static readonly byte[] PayloadKey = Enumerable.Range(3, 32).Select(i => (byte)i).ToArray();

    private IReadOnlyList<long> _quarantined = [];

    [Fact]
    public async Task Render_Sources_EveryProviderWithItsModeActivityAndHealth()
    {
        await StoreSourcesAsync();

        var cut = Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal(4, SourceRows(cut).Count), Patience.HangGuard);
        var rows = SourceRows(cut);
        Assert.Equal(["Login.gov", "1Password", "Entrust", "FusionAuth"], rows.Select(r => r[0]));
        Assert.Equal(["demo", "demo", "demo", "demo"], rows.Select(r => r[1]));
        // Events, last hour; failures in a row; last error; open quarantine.
        Assert.Equal(["2", "1", "0", "0"], rows.Select(r => r[5]));
        Assert.Equal(["0", "0", "1", "0"], rows.Select(r => r[6]));
        Assert.Equal("HTTP 503 from the events API", rows[2][7]);
        Assert.Equal(["0", "2", "0", "0"], rows.Select(r => r[8]));
        Assert.Equal("2026-11-22 11:58:00", rows[1][2]);
        Assert.Equal("never", rows[0][2]);
        Assert.Equal("webhook", rows[2][3]);
        var link = cut.Find("[data-testid=quarantine-link-OnePassword]");
        Assert.Equal("sources?quarantine=OnePassword#quarantine", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Render_ALiveSourceConfigured_ItIsLiveAndTheOthersDisabled()
    {
        await StoreSourcesAsync();
        Services.AddSingleton(new DemoMode(new ConfigurationBuilder().AddInMemoryCollection([new("Sources:OnePassword:Enabled", "true")]).Build()));

        var cut = Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal(4, SourceRows(cut).Count), Patience.HangGuard);
        Assert.Equal(["disabled", "live", "disabled", "disabled"], SourceRows(cut).Select(r => r[1]));
    }

    [Fact]
    public async Task Render_Quarantine_EachRecordWithItsReason()
    {
        await StoreSourcesAsync();

        var cut = Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal("Quarantine (2 open)", cut.Find("[data-testid=quarantine-title]").TextContent), Patience.HangGuard);
        var rows = QuarantineRows(cut);
        Assert.Equal([("1Password", "op-bad-1", MissingId, "0"), ("1Password", "op-bad-2", BadTimestamp, "0")], rows.Select(r => (r[1], r[2], r[3], r[4])).Order());
        Assert.Equal("Replay all", cut.Find("[data-testid=replay-all]").TextContent.Trim());
        Assert.False(cut.Find("[data-testid=replay-all]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_ViewerInTokyo_TimesInTheViewersZoneNamedInTheHeaders()
    {
        await StoreSourcesAsync();
        Services.GetRequiredService<ViewerClock>().SetZone("Asia/Tokyo");

        var cut = Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, QuarantineRows(cut).Count), Patience.HangGuard);
        // Quarantined at 12:00 UTC, which is 21:00 in Tokyo; the exact instant in UTC on hover.
        Assert.Equal(["2026-11-22 21:00:00"], QuarantineRows(cut).Select(r => r[0]).Distinct());
        Assert.Contains("Last rejected (Asia/Tokyo)", cut.Find("[data-testid=quarantine-grid]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("2026-11-22T12:00:00.0000000Z", cut.Find("[data-testid=quarantine-grid] tbody td span.ae-mono").GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NothingQuarantined_SaysSoAndReplayIsDisabled()
    {
        await StoreAsync(Event("lg-1", 10, EventSource.LoginGov, "login-completed", person: "email:a11ce"));

        var cut = Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal("Quarantine (0 open)", cut.Find("[data-testid=quarantine-title]").TextContent), Patience.HangGuard);
        Assert.Equal("Nothing quarantined.", cut.Find("[data-testid=quarantine-grid] tbody").TextContent.Trim());
        Assert.True(cut.Find("[data-testid=replay-all]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ReplayAll_Clicked_RequeuesEveryRecordWakesTheProcessorAndSaysHowMany()
    {
        await StoreSourcesAsync();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<SourcesPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, QuarantineRows(cut).Count), Patience.HangGuard);

        await cut.Find("[data-testid=replay-all]").ClickAsync(new());

        Assert.Equal(2, await Inbox.CountPendingAsync(CancellationToken.None));
        Assert.Equal([1, 1], await ReplayCountsAsync());
        Assert.True(Signal.WaitAsync(TimeSpan.FromMinutes(1), Time, CancellationToken.None).IsCompletedSuccessfully, "the processor was not woken");
        snackbars.WaitForAssertion(() => Assert.Contains("Replay: 2 records sent through the normalizers again.", snackbars.Markup, StringComparison.Ordinal), Patience.HangGuard);
    }

    [Fact]
    public async Task ReplayAll_Clicked_RecordedInTheAuditTrailWithWhoAndHowMany()
    {
        await StoreSourcesAsync();
        var cut = Render<SourcesPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, QuarantineRows(cut).Count), Patience.HangGuard);

        await cut.Find("[data-testid=replay-all]").ClickAsync(new());

        var rows = await Audit.ListAsync(new AuthEvents.Store.Audit.AuditQuery(), null, 10, CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Equal(("local", "Admin", "quarantine-replay", "all quarantined", "2 requeued"), (row.Subject, row.Roles, row.Action, row.Target, row.Detail));
    }

    [Fact]
    public async Task ReplayAll_ClickedInACircuitWithoutTheAdminRole_RefusedAndNothingRequeued()
    {
        await StoreSourcesAsync();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<SourcesPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, QuarantineRows(cut).Count), Patience.HangGuard);
        // The roles change under a rendered page (a circuit whose user lost the role): the handler asks again.
        SignInAs("Ana Analyst", AuthEvents.Web.Access.AccessRole.Analyst);

        await cut.Find("[data-testid=replay-all]").ClickAsync(new());

        Assert.Equal(0, await Inbox.CountPendingAsync(CancellationToken.None));
        snackbars.WaitForAssertion(() => Assert.Contains("Replay needs the Admin role.", snackbars.Markup, StringComparison.Ordinal), Patience.HangGuard);
        Assert.Empty(await Audit.ListAsync(new AuthEvents.Store.Audit.AuditQuery(), null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ReplayOne_RowButtonClicked_RequeuesOnlyThatRecord()
    {
        await StoreSourcesAsync();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<SourcesPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, QuarantineRows(cut).Count), Patience.HangGuard);
        var row = cut.FindAll("[data-testid=quarantine-grid] tbody tr").Single(r => r.TextContent.Contains("op-bad-2", StringComparison.Ordinal));

        await row.QuerySelector("button")!.ClickAsync(new());

        var pending = await Inbox.GetPendingAsync(10, CancellationToken.None);
        Assert.Equal(["op-bad-2"], pending.Select(p => p.ProviderEventId));
        snackbars.WaitForAssertion(() => Assert.Contains("Replay: 1 record sent through the normalizers again.", snackbars.Markup, StringComparison.Ordinal), Patience.HangGuard);
    }

    [Fact]
    public async Task Render_QuarantineOfOneSourceInTheUrl_OnlyItsRecordsAndReplayTheseReplaysOnlyThem()
    {
        await StoreSourcesAsync();
        // A FusionAuth record quarantined too: the 1Password view neither lists nor replays it.
        var (fusion, _) = await QuarantineAsync(EventSource.FusionAuth, ("fa-bad-1", "unknown event type"));
        Navigation.NavigateTo("sources?quarantine=OnePassword");

        var cut = Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal("Quarantine (2 open from 1Password)", cut.Find("[data-testid=quarantine-title]").TextContent), Patience.HangGuard);
        Assert.Equal(["op-bad-1", "op-bad-2"], QuarantineRows(cut).Select(r => r[2]).Order());
        Assert.Equal("Replay these", cut.Find("[data-testid=replay-all]").TextContent.Trim());

        await cut.Find("[data-testid=replay-all]").ClickAsync(new());

        var pending = await Inbox.GetPendingAsync(10, CancellationToken.None);
        Assert.Equal(["op-bad-1", "op-bad-2"], pending.Select(p => p.ProviderEventId).Order());
        Assert.DoesNotContain(fusion[0], pending.Select(p => p.Id));
    }

    [Fact]
    public async Task Feed_ReplayedRecordStored_PageShowsItsQuarantineResolved()
    {
        await StoreSourcesAsync();
        var cut = Render<SourcesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Quarantine (2 open)", cut.Find("[data-testid=quarantine-title]").TextContent), Patience.HangGuard);

        // What the processor does with a replayed record a fixed normalizer accepts: stores it, which resolves its quarantine row.
        var fixedEvent = Event("op-bad-1", 1, EventSource.OnePassword, "credentials_failed", person: "email:ca7");
        var store = new EventStore(Database.Contexts, WriteGate, Time);
        await store.CommitAsync([new NormalizedInboxRecord(_quarantined[0], EventSource.OnePassword, "op-bad-1", false, fixedEvent, null)], CancellationToken.None);
        Feed.Publish([fixedEvent], 0);

        cut.WaitForAssertion(() => Assert.Equal("Quarantine (1 open)", cut.Find("[data-testid=quarantine-title]").TextContent), Patience.HangGuard);
        Assert.Equal(["op-bad-2"], QuarantineRows(cut).Select(r => r[2]));
        Assert.Equal(["2", "2", "0", "0"], SourceRows(cut).Select(r => r[5]));
        Assert.Equal(["0", "1", "0", "0"], SourceRows(cut).Select(r => r[8]));
    }

    private static List<List<string>> SourceRows(IRenderedComponent<SourcesPage> cut) => Cells(cut, "source-grid");

    private static List<List<string>> QuarantineRows(IRenderedComponent<SourcesPage> cut) =>
        Cells(cut, "quarantine-grid").Where(r => r.Count > 1).ToList();

    private static List<List<string>> Cells(IRenderedComponent<SourcesPage> cut, string grid) =>
        cut.FindAll($"[data-testid={grid}] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();

    private async Task<List<int>> ReplayCountsAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Quarantine.OrderBy(q => q.InboxId).Select(q => q.ReplayCount).ToListAsync();
    }

    /// <summary>
    /// Login.gov sent two events and 1Password one in the last hour; 1Password's importer last succeeded two minutes ago and
    /// two of its records were quarantined; Entrust's last contact failed.
    /// </summary>
    private async Task StoreSourcesAsync()
    {
        await StoreAsync(
            Event("lg-1", 30, EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success, person: "email:a11ce"),
            Event("lg-2", 29, EventSource.LoginGov, "login-completed", person: "email:a11ce"),
            Event("op-1", 20, EventSource.OnePassword, "credentials_failed", person: "email:b0b"),
            Event("fa-old", 120, EventSource.FusionAuth, "user.login.success", Outcome.Success, person: "email:d0d"));
        (_quarantined, _) = await QuarantineAsync(EventSource.OnePassword, ("op-bad-1", MissingId), ("op-bad-2", BadTimestamp));
        await Inbox.RecordFailureAsync(EventSource.Entrust, "HTTP 503 from the events API", CancellationToken.None);
    }

    /// <summary>Writes the records to the inbox (as the source's importer does) and stores their rejection (as the processor does).</summary>
    private async Task<(IReadOnlyList<long> InboxIds, CommitResult Result)> QuarantineAsync(EventSource source, params (string Id, string Reason)[] records)
    {
        await MigrateAsync();
        var protector = new PayloadProtector(PayloadKey);
        await Inbox.AddAsync(records.Select(r => new PendingInboxRecord(source, "", r.Id, protector.Protect("{}"), Now.AddMinutes(-3), false)).ToList(),
            source, s => s.LastSuccessAtTicks = Now.AddMinutes(-2).UtcTicks, WritePriority.Bulk, CancellationToken.None);
        var pending = (await Inbox.GetPendingAsync(100, CancellationToken.None)).Where(p => p.Source == source).ToList();
        var store = new EventStore(Database.Contexts, WriteGate, Time);
        var result = await store.CommitAsync(
            records.Select(r => pending.Single(p => p.ProviderEventId == r.Id)).Select(p => new NormalizedInboxRecord(p.Id, source, p.ProviderEventId, false, null, records.Single(r => r.Id == p.ProviderEventId).Reason)).ToList(),
            CancellationToken.None);
        Assert.Equal(records.Length, result.Quarantined);
        return (records.Select(r => pending.Single(p => p.ProviderEventId == r.Id).Id).ToList(), result);
    }
}
