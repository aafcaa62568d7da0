using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls;
using Microsoft.AspNetCore.Components;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// A page that resumes after an await (a JS call, a query) may have been left meanwhile; it must not then rewrite the URL
/// of the page the analyst went to (seen on a busy machine: /live, left while its first JS call was pending, pulled
/// the browser back from /journeys).
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class PageComponentBaseTests
{
    [Fact]
    public void ReplaceUrl_PageShown_ReplacesTheUrlWithoutAHistoryEntry()
    {
        var navigation = new RecordingNavigation("http://localhost/live?range=bogus");
        using var page = new Page();

        page.Replace(navigation, "live");

        Assert.Equal([("http://localhost/live", true)], navigation.Navigations);
    }

    [Fact]
    public void ReplaceUrl_AlreadyCanonical_LeavesTheUrl()
    {
        var navigation = new RecordingNavigation("http://localhost/people/email%3Aabc");
        using var page = new Page();

        page.Replace(navigation, "people/email:abc");

        Assert.Empty(navigation.Navigations);
    }

    [Fact]
    public void ReplaceUrl_AfterThePageWentAway_LeavesTheOtherPagesUrl()
    {
        var navigation = new RecordingNavigation("http://localhost/journeys");
        var page = new Page();
        page.Dispose();

        page.Replace(navigation, "live");

        Assert.True(page.IsGone);
        Assert.Empty(navigation.Navigations);
    }

    [Fact]
    public void ReplaceUrl_RouterMovingToAnotherPage_LeavesTheNewPagesUrl()
    {
        // /journeys, still shown while the router moves to a person, hears the person URL's empty query: its canonical
        // URL is then plain "journeys", which must not replace the person's.
        var navigation = new RecordingNavigation("http://localhost/people/email%3Aabc?failures=true");
        using var page = new Page();

        page.Replace(navigation, "journeys");
        page.Replace(navigation, "");

        Assert.Empty(navigation.Navigations);
    }

    [Fact]
    public void ReplaceUrl_SamePageAnotherKey_Replaces()
    {
        // A provider subject opens its joined person: same page, the person's own key.
        var navigation = new RecordingNavigation("http://localhost/people/fusionauth%3Asub-1");
        using var page = new Page();

        page.Replace(navigation, "people/email:abc");

        Assert.Equal([("http://localhost/people/email:abc", true)], navigation.Navigations);
    }

    [Fact]
    public void PageToken_AfterThePageWentAway_CancelledAndStillReadable()
    {
        var page = new Page();
        page.Dispose();

        // Read after the await that resumed once the page had gone: a cancelled token, not an ObjectDisposedException.
        Assert.True(page.Token.IsCancellationRequested);
    }

    private sealed class Page : PageComponentBase
    {
        public bool IsGone => Gone;

        public CancellationToken Token => PageToken;

        public void Replace(NavigationManager navigation, string canonical) => ReplaceUrl(navigation, canonical);
    }

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation(string uri) => Initialize("http://localhost/", uri);

        public List<(string Uri, bool Replace)> Navigations { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options)
        {
            Navigations.Add((ToAbsoluteUri(uri).AbsoluteUri, options.ReplaceHistoryEntry));
            Uri = ToAbsoluteUri(uri).AbsoluteUri;
        }
    }
}
