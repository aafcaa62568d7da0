using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.Web;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class RateLimitOptionsTests
{
    [Fact]
    public void Bind_NothingSet_TheDocumentedDefaults()
    {
        var limits = Limits([]);

        Assert.Equal((2, 20, 2_000, TimeSpan.FromSeconds(10)), (limits.ExportsPerUser, limits.HubConnectionsPerUser, limits.WebhooksPerIp, limits.WebhookWindow));
    }

    [Theory]
    [InlineData("ExportsPerUser", "0", "RateLimits:ExportsPerUser must be between 1 and 100.")]
    [InlineData("HubConnectionsPerUser", "-1", "RateLimits:HubConnectionsPerUser must be between 1 and 10000.")]
    [InlineData("WebhooksPerIp", "0", "RateLimits:WebhooksPerIp must be between 1 and 10000000.")]
    [InlineData("WebhookWindow", "00:00:00.500", "RateLimits:WebhookWindow must be between 00:00:01 and 1.00:00:00.")]
    public void Bind_OutOfRange_RefusedNamingTheSetting(string key, string value, string expected)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Limits(new() { ["RateLimits:" + key] = value }));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RateLimits.ExportPolicy, "At most 2 exports at once per user.")]
    [InlineData(RateLimits.HubPolicy, "At most 20 hub connections at once per user.")]
    [InlineData(RateLimits.WebhookPolicy, "At most 2000 webhook requests per 10 s from one address.")]
    public void Describe_EachPolicy_NamesItsLimit(string policy, string expected)
    {
        Assert.StartsWith(expected, RateLimits.Describe(policy, new RateLimitOptions()), StringComparison.Ordinal);
    }

    private static RateLimitOptions Limits(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddAuthEventsRateLimits(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
    }
}
