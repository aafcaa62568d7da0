using System.Net;
using System.Security.Claims;
using AuthEvents.Store;
using AuthEvents.Store.Audit;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Access;
using AuthEvents.Web.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SignInAuditTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly StoreWriteGate _gate = new();
    private readonly ServiceProvider _services;

    public SignInAuditTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new AccessOptions()));
        services.AddSingleton<IClaimsTransformation, RoleClaimsTransformation>();
        services.AddSingleton(new AuditStore(_db.Contexts, _gate, AuditChain.FromPayloadKey(new byte[32]), new FakeTimeProvider()));
        services.AddSingleton<AuditLog>();
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task SignIn_RolesChangedSinceTheLastSignIn_RecordsTheChangeThenTheSignIn()
    {
        await _db.MigrateAsync();

        await SignInAsync("u-7", "Ada", "Analyst");
        await SignInAsync("u-7", "Ada", "Analyst");
        await SignInAsync("u-7", "Ada", "Analyst", "Admin");
        await SignInAsync("u-8", "Bo");

        var rows = await _services.GetRequiredService<AuditStore>().ListAsync(new AuditQuery(), null, 10, CancellationToken.None);
        Assert.Equal(
            [
                ("u-8", "sign-in", "", "", "no role on this dashboard", "203.0.113.9"),
                ("u-7", "sign-in", "Analyst,Admin", "", "", "203.0.113.9"),
                ("u-7", "roles-changed", "Analyst,Admin", "u-7", "Analyst → Analyst,Admin", "203.0.113.9"),
                ("u-7", "sign-in", "Analyst", "", "", "203.0.113.9"),
                ("u-7", "sign-in", "Analyst", "", "", "203.0.113.9"),
            ],
            rows.Select(r => (r.Subject, r.Action, r.Roles, r.Target, r.Detail, r.ClientIp)));
        Assert.All(rows, r => Assert.Equal("TestBrowser/1.0", r.UserAgent));
    }

    private async Task SignInAsync(string subject, string name, params string[] roles)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        context.Request.Headers.UserAgent = "TestBrowser/1.0";
        var identity = new ClaimsIdentity([new Claim("sub", subject), new Claim("name", name), .. roles.Select(r => new Claim("roles", r))], "oidc", "name", ClaimTypes.Role);
        var scheme = new AuthenticationScheme(OpenIdConnectDefaults.AuthenticationScheme, null, typeof(OpenIdConnectHandler));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), scheme.Name);

        await SignInAudit.OnTicketReceivedAsync(new TicketReceivedContext(context, scheme, new OpenIdConnectOptions(), ticket));
    }

    public void Dispose()
    {
        _services.Dispose();
        _gate.Dispose();
        _db.Dispose();
    }
}
