using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Webhooks;

/// <summary>The envelope checks of a FusionAuth webhook body after its signature: an id and a fresh, representable createInstant.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FusionAuthWebhookBodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("253402300800000")] // 10000-01-01: one millisecond past DateTimeOffset.MaxValue's last whole one
    [InlineData("-62135596800001")] // a millisecond before 0001-01-01
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("1e300")]
    [InlineData("1.5")]
    public void Minimize_CreateInstantOutsideDateTimeOffset_MalformedNotAnException(string instant)
    {
        var (body, error) = FusionAuthWebhookBody.Minimize(Body(instant), Now, TimeSpan.FromMinutes(5));

        Assert.Null(body);
        Assert.Equal("Malformed event: 'event.createInstant' must be epoch milliseconds", error);
    }

    [Theory]
    [InlineData("253402300799999")] // 9999-12-31T23:59:59.999Z, the last representable millisecond
    [InlineData("-62135596800000")] // 0001-01-01
    [InlineData("0")]
    public void Minimize_CreateInstantAtDateTimeOffsetsEnds_StaleNotAnException(string instant)
    {
        var (body, error) = FusionAuthWebhookBody.Minimize(Body(instant), Now, TimeSpan.FromMinutes(5));

        Assert.Null(body);
        Assert.StartsWith("Stale event: createInstant is ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimize_FreshCreateInstant_Kept()
    {
        var (body, error) = FusionAuthWebhookBody.Minimize(Body(Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), Now, TimeSpan.FromMinutes(5));

        Assert.Null(error);
        Assert.Contains("\"createInstant\":", body, StringComparison.Ordinal);
    }

    private static string Body(string instant) => "{\"event\":{\"id\":\"e-1\",\"createInstant\":" + instant + ",\"type\":\"user.login.failed\"}}";
}
