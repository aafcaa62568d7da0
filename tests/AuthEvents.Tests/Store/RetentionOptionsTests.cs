using AuthEvents.Store;
using AuthEvents.Store.Retention;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class RetentionOptionsTests
{
    private static RetentionOptions Bind(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => s.Value)).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuthEventsRetention().BuildServiceProvider();
        return services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }

    [Fact]
    public void Bind_NothingSet_OffAndHourly()
    {
        var options = Bind();

        Assert.Equal((null, TimeSpan.FromHours(1)), (options.Events, options.Interval));
    }

    [Fact]
    public void Bind_EventsAndInterval_AsTimeSpans()
    {
        var options = Bind(("Retention:Events", "400.00:00:00"), ("Retention:Interval", "00:15:00"));

        Assert.Equal((TimeSpan.FromDays(400), TimeSpan.FromMinutes(15)), (options.Events, options.Interval));
    }

    [Fact]
    public void Bind_EventsEmpty_Off() => Assert.Null(Bind(("Retention:Events", "")).Events);

    [Theory]
    [InlineData("Retention:Events", "12:00:00")]
    [InlineData("Retention:Events", "40000.00:00:00")]
    [InlineData("Retention:Interval", "00:00:30")]
    [InlineData("Retention:Interval", "8.00:00:00")]
    public void Bind_OutOfBounds_RefusedNamingTheSetting(string key, string value)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));

        Assert.StartsWith(key + " must be between", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }
}
