using System.Net;
using AngleSharp.Html.Parser;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Web;

/// <summary>
/// A link with a fixed range far beyond what the store can chart (an attacker's 1970, DateTimeOffset's ends) opens on
/// every page that takes one: 200 with the page saying what it shows instead, never a 500 or the store's read error.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class RangeLimitsHostTests : IDisposable
{
    private const string From1970 = "range=custom&from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z";
    private readonly TestHost _host = new(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });

    [Theory]
    [InlineData("/?" + From1970, "Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.")]
    [InlineData("/live?" + From1970, "Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.")]
    [InlineData("/failures?" + From1970, "Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.")]
    [InlineData("/failures?" + From1970 + "&compare=previous", "Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.")]
    [InlineData("/journeys?" + From1970, "Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.")]
    [InlineData("/?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", "Showing 2098-11-27 00:00 – 2100-01-01 00:00 UTC instead.")]
    [InlineData("/live?from=0001-01-01T00:00:00Z&to=1999-12-31T00:00:00Z", "Showing “Live” instead.")]
    [InlineData("/failures?compare=custom&baseFrom=0001-01-01T00:00:00Z&baseTo=2026-01-01T00:00:00Z", "Showing 2024-11-27 00:00 – 2026-01-01 00:00 UTC instead.")]
    public async Task Page_FixedRangeBeyondTheLimits_200WithWhatItShowsInstead(string path, string showing)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.EndsWith(showing, document.QuerySelector("[data-testid=url-notice]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("[data-testid=load-error]"));
    }

    [Theory]
    [InlineData("/people/email%3Aabc?" + From1970)]
    [InlineData("/sessions?" + From1970)]
    public async Task Page_WithoutFixedRanges_IgnoresTheBoundsQuietly(string path)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Null(document.QuerySelector("[data-testid=url-notice]"));
        Assert.Null(document.QuerySelector("[data-testid=load-error]"));
    }

    public void Dispose() => _host.Dispose();
}
