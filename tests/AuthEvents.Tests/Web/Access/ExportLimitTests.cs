using System.Net;
using System.Net.Http.Headers;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web.Access;

/// <summary>
/// At most two exports at once per user: the eight parallel full exports, answered with 429. Each export that
/// gets past the limit waits at a gate before its first row, as a long stream would, until the test lets it finish.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class ExportLimitTests : IDisposable
{
    private const string Export = "/api/events?format=ndjson";

    private readonly SignInTestHost _signIn = new(services: services =>
    {
        services.AddSingleton(sp => new HeldExports(sp.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>()));
        services.AddSingleton(sp => new EventQueries(sp.GetRequiredService<HeldExports>()));
    });

    private HeldExports Held => _signIn.Host.Services.GetRequiredService<HeldExports>();

    [Fact]
    public async Task Export_ThirdAtOnceFromTheSameUser_429NamingTheLimitWhileAnotherUserExports()
    {
        var held = new[] { SendAsync(Export, "ana", "Analyst"), SendAsync(Export, "ana", "Analyst") };
        await Held.EnteredAsync(2);

        using var third = await SendAsync(Export, "ana", "Analyst");
        var other = SendAsync(Export, "bob", "Analyst");
        await Held.EnteredAsync(1);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), third.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("At most 2 exports at once per user", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Held.Let(3);
        await AssertStreamedAsync([.. held, other]);
    }

    [Fact]
    public async Task Export_OneOfTwoFinished_SameUserExportsAgainUpToTheLimit()
    {
        var held = new List<Task<HttpResponseMessage>> { SendAsync(Export, "ana", "Analyst"), SendAsync(Export, "ana", "Analyst") };
        await Held.EnteredAsync(2);
        Held.Let(1);
        var finished = await Task.WhenAny(held);
        held.Remove(finished);
        await AssertStreamedAsync(finished);

        held.Add(SendAsync(Export, "ana", "Analyst"));
        await Held.EnteredAsync(1);
        using var beyond = await SendAsync(Export, "ana", "Analyst");

        Assert.Equal(HttpStatusCode.TooManyRequests, beyond.StatusCode);
        Held.Let(2);
        await AssertStreamedAsync([.. held]);
    }

    [Fact]
    public async Task Export_EightInParallelFromOneUser_TwoStreamSixGet429()
    {
        var exports = Enumerable.Range(0, 8).Select(_ => SendAsync(Export, "mal", "Analyst")).ToList();
        await Held.EnteredAsync(2);

        var refused = new List<HttpResponseMessage>();
        var pending = exports.ToList();
        while (refused.Count < 6)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            refused.Add(await done);
        }

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(2, pending.Count);
        Held.Let(2);
        await AssertStreamedAsync([.. pending]);
        refused.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task AuditExport_WhileTwoEventExportsStream_SharesTheLimit429()
    {
        var held = new[] { SendAsync(Export, "adi", "Admin"), SendAsync(Export, "adi", "Admin") };
        await Held.EnteredAsync(2);

        using var audit = await SendAsync("/api/audit?format=ndjson", "adi", "Admin");
        using var verify = await SendAsync("/api/audit/verify", "adi", "Admin");

        Assert.Equal(HttpStatusCode.TooManyRequests, audit.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, verify.StatusCode);
        Held.Let(2);
        await AssertStreamedAsync(held);
    }

    [Fact]
    public async Task Export_SameUserWithoutTheRoleWhileAtTheLimit_403Not429()
    {
        var held = new[] { SendAsync(Export, "sam", "Analyst"), SendAsync(Export, "sam", "Analyst") };
        await Held.EnteredAsync(2);

        // The same person whose token no longer carries the role: authorization answers before the limit is counted.
        var refusals = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(Export, "sam", "Manager")));

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Array.ForEach(refusals, r => r.Dispose());
        Held.Let(2);
        await AssertStreamedAsync(held);
    }

    [Fact]
    public async Task Export_AnonymousFlood_Every401()
    {
        using var client = Client();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync(new Uri(Export, UriKind.Relative))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(0, Held.Entered);
        Array.ForEach(answers, a => a.Dispose());
    }

    private static async Task AssertStreamedAsync(params Task<HttpResponseMessage>[] exports)
    {
        foreach (var export in exports)
        {
            using var response = await export;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string subject, params string[] roles)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signIn.Token(subject, roles));
        return await client.SendAsync(request);
    }

    private HttpClient Client() => _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public void Dispose()
    {
        Held.Let(100);
        _signIn.Dispose();
    }

    /// <summary>The store's connections for exports: each export waits before it opens one until the test lets it go on.</summary>
    private sealed class HeldExports(IDbContextFactory<AuthEventsDbContext> inner) : IDbContextFactory<AuthEventsDbContext>, IDisposable
    {
        private readonly SemaphoreSlim _entered = new(0);
        private readonly SemaphoreSlim _go = new(0);
        private int _count;

        /// <summary>How many exports have got past the limit so far.</summary>
        public int Entered => Volatile.Read(ref _count);

        /// <summary>Waits until <paramref name="count"/> more exports have got past the limit and are held.</summary>
        public async Task EnteredAsync(int count)
        {
            using var guard = new CancellationTokenSource(Patience.HangGuard);
            for (var i = 0; i < count; i++)
            {
                await _entered.WaitAsync(guard.Token);
            }
        }

        public void Let(int count) => _go.Release(count);

        public AuthEventsDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AuthEventsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            _entered.Release();
            await _go.WaitAsync(cancellationToken);
            return await inner.CreateDbContextAsync(cancellationToken);
        }

        public void Dispose()
        {
            _entered.Dispose();
            _go.Dispose();
        }
    }
}
