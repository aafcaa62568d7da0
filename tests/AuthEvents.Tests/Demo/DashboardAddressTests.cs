using AuthEvents.Demo.Hosting;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Demo;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class DashboardAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("https://0.0.0.0:8443", "https://localhost:8443/")]
    public void Choose_OneAddress_ReachableFromThisMachine(string address, string expected)
    {
        Assert.Equal(new Uri(expected), DashboardAddress.Choose([address]));
    }

    [Fact]
    public void Choose_HttpsAndHttp_PrefersHttp()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), DashboardAddress.Choose(["https://0.0.0.0:8443", "http://0.0.0.0:8080"]));
    }

    [Fact]
    public void Choose_OnlyAUnixSocketOrNothing_Null()
    {
        Assert.Null(DashboardAddress.Choose(["http://unix:/run/authevents.sock"]));
        Assert.Null(DashboardAddress.Choose([]));
    }
}
