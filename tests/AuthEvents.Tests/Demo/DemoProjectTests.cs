using System.Reflection;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Hosting;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthEvents.Tests.Demo;

/// <summary>The simulator lives in AuthEvents.Demo, which the web host adds only in demo mode; the domain knows nothing of it.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class DemoProjectTests
{
    [Fact]
    public void Host_DemoOff_NoneOfTheDemoIsAdded()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });

        Assert.Null(host.Services.GetService<DemoCredentials>());
        Assert.Null(host.Services.GetService<DemoWebhookSender>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Assembly == typeof(DemoCredentials).Assembly);
    }

    [Fact]
    public void Host_DemoOn_TheSimulatedProvidersAndTrafficAreAdded()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Backfill"] = "00:00:10" });

        Assert.NotNull(host.Services.GetService<DemoCredentials>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is DemoTrafficService);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is DemoProviderHost);
    }

    [Theory]
    [InlineData("AuthEvents.Core")]
    [InlineData("AuthEvents.Store")]
    [InlineData("AuthEvents.Ingest")]
    public void ProductAssembly_References_NeverTheDemo(string assembly)
    {
        var referenced = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain("AuthEvents.Demo", referenced);
        Assert.DoesNotContain(Assembly.Load(assembly).GetTypes(), t => t.Namespace?.Contains("Simulation", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void CoreAssembly_References_NoHostOrStore()
    {
        var referenced = typeof(AuthEvent).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("AuthEvents.", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }
}
