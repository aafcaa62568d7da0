using AuthEvents.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuthEvents.Store;
using AuthEvents.Store.Audit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web.Access;

/// <summary>The audit trail through the product's own ways in: what each action leaves in it, reading it, verifying it.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AuditTrailTests : IDisposable
{
    private readonly SignInTestHost _signIn = new();

    [Fact]
    public async Task Actions_AnalystExportsManagerRefusedAdminReplays_EachRecordedWithWhoAndWhat()
    {
        using (var export = await SendAsync(HttpMethod.Get, "/api/events?format=csv&range=1h", "ana", "Analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            await export.Content.ReadAsStringAsync();
        }

        using (var refused = await SendAsync(HttpMethod.Get, "/api/events?format=csv", "max", "Manager"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var replay = await SendAsync(HttpMethod.Post, "/api/quarantine/replay?id=7&id=9", "adi", "Admin"))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }

        var rows = await ReadTrailAsync("");

        Assert.Collection(rows,
            r => Assert.Equal(("ana", "ana (test)", "Analyst", "export", "?format=csv&range=1h", "0 rows, csv"), Fields(r)),
            r => Assert.Equal(("max", "max (test)", "Manager", "access-denied", "/api/events", "needs Analyst"), Fields(r)),
            r => Assert.Equal(("adi", "adi (test)", "Admin", "quarantine-replay", "inbox 7,9", "0 requeued"), Fields(r)),
            r => Assert.Equal(("auditor", "auditor (test)", "Admin", "audit-export", "?format=ndjson", "ndjson"), Fields(r)));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("hash").GetString()));
    }

    [Fact]
    public async Task Read_FilteredByUserAndAction_OnlyThoseRows()
    {
        (await SendAsync(HttpMethod.Get, "/api/audit/verify", "adi", "Admin")).Dispose();
        (await SendAsync(HttpMethod.Get, "/api/events?format=ndjson", "max", "Manager")).Dispose();
        (await SendAsync(HttpMethod.Get, "/api/events?format=ndjson", "ana", "Analyst")).Dispose();

        var rows = await ReadTrailAsync("&user=max&action=access-denied");

        Assert.Equal(["max"], rows.Select(r => r.GetProperty("subject").GetString()));
    }

    [Theory]
    [InlineData("?format=xml", "format must be csv or ndjson")]
    [InlineData("?from=yesterday", "from must be an ISO 8601 instant")]
    [InlineData("?from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "from must be before to")]
    [InlineData("?action=drop-table", "action must be one of")]
    public async Task Read_BadQuery_400NamingIt(string query, string expected)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/audit" + query, "adi", "Admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_AValueThatLooksLikeAFormula_WrittenAsText()
    {
        (await SendAsync(HttpMethod.Get, "/api/events?format=ndjson&q=%3DHYPERLINK(1)", "ana", "Analyst")).Dispose();

        using var response = await SendAsync(HttpMethod.Get, "/api/audit?format=csv&action=export", "adi", "Admin");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("id,at,subject,user,roles,action,target,detail,clientIp,userAgent,hash", lines[0]);
        Assert.Contains(",?format=ndjson&q=%3DHYPERLINK(1),", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Verify_AfterOneRowIsEditedInTheDatabase_NamesThatRow()
    {
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(HttpMethod.Get, "/api/events?format=ndjson&range=" + (i + 1) + "h", "ana", "Analyst")).Dispose();
        }

        Assert.Equal("intact", (await VerifyAsync()).GetProperty("status").GetString());
        var connection = _signIn.Host.Services.GetRequiredService<StoreLocation>().ConnectionString;
        await using (var db = new SqliteConnection(connection))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_append_only_update; UPDATE audit SET detail = '0 rows, csv' WHERE id = 2;";
            await command.ExecuteNonQueryAsync();
        }

        var verdict = await VerifyAsync();

        Assert.Equal("broken", verdict.GetProperty("status").GetString());
        Assert.Equal(2, verdict.GetProperty("firstBrokenId").GetInt64());
        Assert.StartsWith("Row 2: its hash does not match", verdict.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> VerifyAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/audit/verify", "adi", "Admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<List<JsonElement>> ReadTrailAsync(string filter)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/audit?format=ndjson" + filter, "auditor", "Admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string subject, params string[] roles)
    {
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signIn.Token(subject, roles));
        return await client.SendAsync(request);
    }

    private static (string?, string?, string?, string?, string?, string?) Fields(JsonElement row) =>
        (row.GetProperty("subject").GetString(), row.GetProperty("user").GetString(), row.GetProperty("roles").GetString(),
            row.GetProperty("action").GetString(), row.GetProperty("target").GetString(), row.GetProperty("detail").GetString());

    public void Dispose() => _signIn.Dispose();
}
