using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Demo;

/// <summary>
/// A demo stopped and started again over the same data folder: what the stopped demo left in the inbox (Login.gov SETs
/// encrypted to the demo's key) is read by the next start, because the demo's keys are kept with the generated keys.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class DemoRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "authevents-host-tests", "restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DemoRestarted_SetsLeftInTheInbox_DecryptedWithTheKeptKeyAndNoneQuarantined()
    {
        long leftPending;
        using (var first = Host())
        {
            using var client = first.CreateClient();
            var queries = first.Services.GetRequiredService<EventQueries>();
            using var changes = new Changes().Watch(first.Services.GetRequiredService<EventFeed>());
            await changes.UntilAsync(async () => await LoginGovStoredAsync(first) >= 20, "Login.gov events from the first start");
        }

        // As if the first start had been stopped before its processor read them: every Login.gov SET waits again.
        await using (var db = Context())
        {
            leftPending = await db.Inbox.Where(i => i.Source == EventSource.LoginGov)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InboxState.Pending));
        }

        using (var second = Host())
        {
            using var client = second.CreateClient();
            using var changes = new Changes().Watch(second.Services.GetRequiredService<EventFeed>());
            await changes.UntilAsync(async () =>
            {
                await using var db = Context();
                return !await db.Inbox.AnyAsync(i => i.Source == EventSource.LoginGov && i.State == InboxState.Pending);
            }, "the SETs the first start left in the inbox read by the second");
        }

        await using var store = Context();
        var keyRefusals = await store.Quarantine
            .Where(q => q.Source == EventSource.LoginGov && (q.Reason.Contains(nameof(AuthEvents.Core.LoginGov.SetDecodeError.UnknownKey)) || q.Reason.Contains(nameof(AuthEvents.Core.LoginGov.SetDecodeError.DecryptionFailed))))
            .Select(q => q.Reason).Take(3).ToListAsync();
        Assert.True(leftPending >= 20);
        Assert.True(keyRefusals.Count == 0, string.Join(" | ", keyRefusals));
        var secrets = await File.ReadAllTextAsync(Path.Combine(_dataDirectory, GeneratedSecrets.FileName));
        Assert.Contains("Demo:LoginGovEncryptionKey", secrets, StringComparison.Ordinal);
    }

    private TestHost Host() => new(new Dictionary<string, string?>
    {
        ["Storage:DataDirectory"] = _dataDirectory,
        ["Demo:Enabled"] = "true",
        ["Demo:Backfill"] = "00:01:00",
    });

    private AuthEventsDbContext Context() => new(new DbContextOptionsBuilder<AuthEventsDbContext>()
        .UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(_dataDirectory, "authevents.db"), Pooling = false }.ToString())
        .Options);

    private static async Task<long> LoginGovStoredAsync(TestHost host)
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Events.LongCountAsync(e => e.Source == EventSource.LoginGov);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
