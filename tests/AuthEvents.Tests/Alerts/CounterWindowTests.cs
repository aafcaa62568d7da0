using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class CounterWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static long Minute(int minute) => CounterWindow.BucketOf(T0.AddMinutes(minute));

    [Fact]
    public void BucketOf_AnyTimeInAMinute_TheMinutesStart()
    {
        Assert.Equal(T0.UtcTicks, CounterWindow.BucketOf(T0.AddSeconds(59.999)));
        Assert.Equal(T0.UtcTicks, CounterWindow.BucketOf(new DateTimeOffset(2026, 12, 7, 12, 0, 30, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData(600, 10)]
    [InlineData(90, 2)]
    [InlineData(0, 1)]
    [InlineData(3600, 60)]
    public void MinutesOf_Window_WholeMinutesRoundedUp(int seconds, int minutes)
    {
        Assert.Equal(minutes, CounterWindow.MinutesOf(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Over_TenMinutes_TheLastMinuteAndTheNineBefore()
    {
        var cells = new[]
        {
            new CounterCell("ip", Minute(0), "p:a", 1),
            new CounterCell("ip", Minute(1), "p:b", 2),
            new CounterCell("ip", Minute(10), "p:b", 3),
            new CounterCell("ip", Minute(11), "p:c", 1),
            new CounterCell("other", Minute(5), "p:d", 1),
        };

        var window = CounterWindow.Over("ip", cells, Minute(10), TimeSpan.FromMinutes(10));

        Assert.Equal((T0.AddMinutes(1), T0.AddMinutes(11)), (window.From, window.To));
        Assert.Equal([("b", 5)], window.Members("p:"));
    }

    [Fact]
    public void Members_ByPrefix_DistinctTotalsAndSources()
    {
        var cells = new[]
        {
            new CounterCell("ip", Minute(0), "p:b", 2),
            new CounterCell("ip", Minute(1), "p:a", 1),
            new CounterCell("ip", Minute(1), "p:b", 1),
            new CounterCell("ip", Minute(0), "s:FusionAuth", 2),
            new CounterCell("ip", Minute(1), "s:LoginGov", 2),
            new CounterCell("ip", Minute(1), "s:NotAProvider", 1),
        };

        var window = CounterWindow.Over("ip", cells, Minute(1), TimeSpan.FromMinutes(10));

        Assert.Equal(2, window.Distinct(CounterMembers.Person));
        Assert.Equal(4, window.Total(CounterMembers.Person));
        Assert.Equal([("a", 1), ("b", 3)], window.Members(CounterMembers.Person));
        Assert.Equal([EventSource.LoginGov, EventSource.FusionAuth], window.Sources());
    }

    [Fact]
    public void Evaluate_Batch_ObservationsAggregatedSortedAndOtherKeysIgnored()
    {
        var script = new AlertScript(T0);
        var rule = new Core.Alerts.Rules.CredentialStuffingRule(new Core.Alerts.Rules.CredentialStuffingSettings { Threshold = 2 });
        var events = new[]
        {
            script.PasswordFailure(TimeSpan.FromSeconds(50), EventSource.LoginGov, "email:b", "192.0.2.2"),
            script.PasswordFailure(TimeSpan.FromSeconds(10), EventSource.LoginGov, "email:a", "192.0.2.1"),
            script.PasswordFailure(TimeSpan.FromSeconds(20), EventSource.LoginGov, "email:a", "192.0.2.1"),
            script.Event(TimeSpan.FromSeconds(30), EventSource.LoginGov, "login-completed", "email:a", "192.0.2.1"),
        };
        var kept = new[] { new CounterCell("192.0.2.1", Minute(0), "p:email:z", 1), new CounterCell("192.0.2.9", Minute(0), "p:email:y", 5) };

        var run = CounterRuleRunner.Evaluate(rule, events, kept);

        Assert.Equal(
            [
                new CounterCell("192.0.2.1", Minute(0), "p:email:a", 2), new CounterCell("192.0.2.1", Minute(0), "s:LoginGov", 2),
                new CounterCell("192.0.2.2", Minute(0), "p:email:b", 1), new CounterCell("192.0.2.2", Minute(0), "s:LoginGov", 1),
            ],
            run.Observations);
        Assert.Equal(["192.0.2.1", "192.0.2.2"], run.Keys.Select(k => k.Key));
        Assert.Equal([events[1].EventId, events[2].EventId], run.Keys[0].Matched.Select(e => e.EventId));
        Assert.Equal(2, run.Keys[0].Decision!.Figures["people"]);
        Assert.Null(run.Keys[1].Decision);
    }

    [Fact]
    public void PruneBefore_OldMinutes_Forgotten()
    {
        var script = new AlertScript(T0);
        var memory = new CounterMemory(new Core.Alerts.Rules.CredentialStuffingRule(new Core.Alerts.Rules.CredentialStuffingSettings()));
        memory.Run([script.PasswordFailure(TimeSpan.Zero, EventSource.LoginGov, "email:a", "192.0.2.1"), script.PasswordFailure(TimeSpan.FromMinutes(5), EventSource.LoginGov, "email:a", "192.0.2.1")]);

        memory.PruneBefore(Minute(5));

        Assert.All(memory.Cells, c => Assert.Equal(Minute(5), c.BucketTicks));
        Assert.Equal(2, memory.Cells.Count);
    }
}
