using System.Text.Json;
using AuthEvents.Demo.Hosting;
using AuthEvents.Demo.OnePassword;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Demo;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class DemoOnePasswordProviderTests : IDisposable
{
    private const string Json = "application/json";
    private readonly DemoCredentials _credentials = new(TestSecrets.Fresh());
    private readonly TestClock _time = new();
    private readonly DemoOnePasswordProvider _provider;

    public DemoOnePasswordProviderTests()
    {
        _provider = new DemoOnePasswordProvider(_credentials, _time);
        for (var i = 0; i < 5; i++)
        {
            _provider.Publish(Item(i), _time.GetUtcNow().AddMinutes(-50 + (10 * i)));
        }
    }

    private string Authorization => "Bearer " + _credentials.OnePasswordToken;

    [Fact]
    public void SignInAttempts_WrongToken_401InTheV2ErrorShape()
    {
        var answer = _provider.SignInAttempts("Bearer nope", Json, "{\"limit\":10}");

        Assert.Equal(401, answer.Status);
        Assert.Equal(401, JsonDocument.Parse(answer.Json).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("text/plain", "{\"limit\":10}")]
    [InlineData(Json, "{\"limit\":0}")]
    [InlineData(Json, "{\"limit\":10,\"start_time\":\"yesterday\"}")]
    [InlineData(Json, "{\"cursor\":\"x\",\"limit\":10}")]
    [InlineData(Json, "[]")]
    public void SignInAttempts_RequestTheApiRefuses_400(string contentType, string body)
    {
        Assert.Equal(400, _provider.SignInAttempts(Authorization, contentType, body).Status);
    }

    [Fact]
    public void SignInAttempts_ResetCursorThenCursors_PagesFromStartTimeUntilNoMore()
    {
        var start = _time.GetUtcNow().AddMinutes(-35).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var first = Page(_provider.SignInAttempts(Authorization, Json, "{\"limit\":2,\"start_time\":\"" + start + "\"}"));
        var second = Page(_provider.SignInAttempts(Authorization, Json, "{\"cursor\":\"" + first.Cursor + "\"}"));
        var third = Page(_provider.SignInAttempts(Authorization, Json, "{\"cursor\":\"" + second.Cursor + "\"}"));

        Assert.Equal(["item-2", "item-3"], first.Ids);
        Assert.True(first.HasMore);
        Assert.Equal(["item-4"], second.Ids);
        Assert.False(second.HasMore);
        Assert.Empty(third.Ids);
        Assert.False(third.HasMore);
        Assert.StartsWith("0000000005", third.Cursor, StringComparison.Ordinal);
    }

    [Fact]
    public void SignInAttempts_SameCursorAgain_SamePageAgain()
    {
        var first = Page(_provider.SignInAttempts(Authorization, Json, "{\"limit\":2,\"start_time\":\"2000-01-01T00:00:00Z\"}"));
        var page = Page(_provider.SignInAttempts(Authorization, Json, "{\"cursor\":\"" + first.Cursor + "\"}"));

        var again = Page(_provider.SignInAttempts(Authorization, Json, "{\"cursor\":\"" + first.Cursor + "\"}"));

        Assert.Equal(page.Ids, again.Ids);
        Assert.Equal(3, _provider.Held);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("0000000003-1000-0badc0de")]
    public void SignInAttempts_CursorFromAnotherRun_StartsAtTheFirstItem(string cursor)
    {
        var page = Page(_provider.SignInAttempts(Authorization, Json, "{\"cursor\":\"" + cursor + "\"}"));

        Assert.Equal(["item-0", "item-1", "item-2", "item-3", "item-4"], page.Ids);
    }

    [Fact]
    public void Publish_ItemThatIsNotJson_ServedAsAJsonString()
    {
        _provider.Publish("{\"uuid\":\"TRUNC", _time.GetUtcNow());

        var answer = _provider.SignInAttempts(Authorization, Json, "{\"limit\":10}");

        using var document = JsonDocument.Parse(answer.Json);
        var last = document.RootElement.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(JsonValueKind.String, last.ValueKind);
        Assert.Equal("{\"uuid\":\"TRUNC", last.GetString());
    }

    private static string Item(int n) => "{\"uuid\":\"item-" + n + "\",\"category\":\"success\",\"type\":\"credentials_ok\"}";

    private static (string Cursor, bool HasMore, List<string> Ids) Page(DemoHttpAnswer answer)
    {
        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Json);
        var root = document.RootElement;
        return (root.GetProperty("cursor").GetString()!, root.GetProperty("has_more").GetBoolean(),
            root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("uuid").GetString()!).ToList());
    }

    public void Dispose() => _credentials.Dispose();
}
