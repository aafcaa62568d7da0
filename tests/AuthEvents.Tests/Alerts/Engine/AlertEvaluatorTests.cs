using AuthEvents.Alerts;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Leases;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>
/// The hosted evaluator: it runs after this node's commits (the feed's signal) and on its catch-up timer (driven here
/// on the test clock once it is armed), and never needs a wall-clock wait.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertEvaluatorTests : IDisposable
{
    private const string Attacker = "203.0.113.7";
    private readonly AlertEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private AlertEvaluator Evaluator(EventFeed feed) =>
        new(_h.Engine, AlertRuleSet.From(new ConfigurationBuilder().Build()), feed, new NodeIdentity("node-a"), _h.Clock, NullLogger<AlertEvaluator>.Instance);

    private AuthEvent[] Attack(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => _h.PasswordFailure(TimeSpan.FromSeconds(i * 15), EventSource.FusionAuth, AlertEngineHarness.Person(i), Attacker))];

    [Fact]
    public async Task Running_ACommitOnTheFeed_IsEvaluatedAndOpensTheAlert()
    {
        await _h.MigrateAsync();
        var feed = new EventFeed(_h.Clock, NullLogger<EventFeed>.Instance);
        using var evaluator = Evaluator(feed);
        await evaluator.PrepareAsync(CancellationToken.None);
        var opened = new TaskCompletionSource<AlertRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        evaluator.Evaluated += run =>
        {
            if (run.Opened > 0)
            {
                opened.TrySetResult(run);
            }
        };
        var announced = new TaskCompletionSource<FeedUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Committed += u =>
        {
            if (u.AlertChanges > 0)
            {
                announced.TrySetResult(u);
            }
        };
        await evaluator.StartAsync(CancellationToken.None);
        // Armed once its first catch-up found nothing: from here only a signal or the timer wakes it.
        await _h.Clock.WaitForTimerAsync(d => d == AlertEvaluator.CatchUpInterval);

        var events = Attack(0, 20);
        await _h.CommitAsync(events);
        feed.Publish(events, 0);

        var run = await opened.Task.WaitAsync(Patience.HangGuard);
        // The change is announced to this node's pages and, through the relay, to the other nodes.
        var update = await announced.Task.WaitAsync(Patience.HangGuard);
        await evaluator.StopAsync(CancellationToken.None);
        Assert.Equal((1, 0), (update.AlertChanges, update.NewEvents));
        Assert.Equal(await _h.NewestEventIdAsync(), run.Cursor);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertRuleIds.CredentialStuffing, 20L), (alert.RuleId, alert.Count));
    }

    [Fact]
    public async Task Running_EventsStoredByAnotherNode_AreCaughtUpOnTheTimer()
    {
        await _h.MigrateAsync();
        var feed = new EventFeed(_h.Clock, NullLogger<EventFeed>.Instance);
        using var evaluator = Evaluator(feed);
        await evaluator.PrepareAsync(CancellationToken.None);
        var evaluated = new TaskCompletionSource<AlertRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        evaluator.Evaluated += run => evaluated.TrySetResult(run);
        await evaluator.StartAsync(CancellationToken.None);
        await _h.Clock.WaitForTimerAsync(d => d == AlertEvaluator.CatchUpInterval);

        // Stored without this node's feed hearing of it, as another node's commit would be.
        await _h.CommitAsync(Attack(0, 25));
        await _h.Clock.AdvanceToTimerAsync(AlertEvaluator.CatchUpInterval);

        var run = await evaluated.Task.WaitAsync(Patience.HangGuard);
        await evaluator.StopAsync(CancellationToken.None);
        Assert.Equal((25, 1), (run.Read, run.Opened));
    }

    [Fact]
    public async Task Scheduler_AtEachMinute_RunsTheScheduledRules()
    {
        await _h.MigrateAsync();
        var rules = AlertRuleSet.From(new ConfigurationBuilder().Build());
        await _h.Engine.PrepareAsync(rules.Enabled, [], "node-a", CancellationToken.None);
        var schedule = new AlertSchedule(_h.Database.Contexts, _h.Gate, _h.Clock, new AlertWriterOptions());
        using var scheduler = new AlertScheduler(schedule, rules, new AlertSources(() => new Dictionary<EventSource, bool> { [EventSource.Entrust] = true }),
            new EventFeed(_h.Clock, NullLogger<EventFeed>.Instance), _h.Clock, NullLogger<AlertScheduler>.Instance);
        var ran = new TaskCompletionSource<AlertScheduleResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.Ran += r => ran.TrySetResult(r);
        await scheduler.StartAsync(CancellationToken.None);

        // The clock stands at 10:00:00: the scheduler sleeps a whole minute, to 10:01.
        await _h.Clock.AdvanceToTimerAsync(TimeSpan.FromMinutes(1));
        var result = await ran.Task.WaitAsync(Patience.HangGuard);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.True(result.Claimed);
        Assert.Equal(AlertEngineHarness.Start + TimeSpan.FromMinutes(61), result.Minute);
    }
}
