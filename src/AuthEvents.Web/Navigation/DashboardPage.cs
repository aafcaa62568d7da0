using AuthEvents.Ingest.Feed;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Navigation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// The base of every page whose view lives in its URL. Blazor supplies the query through
/// <see cref="SupplyParameterFromQueryAttribute"/> (the filter vocabulary's keys, declared once here) and supplies it again
/// whenever the query changes, so no page listens to <c>LocationChanged</c>. The page turns the query into its URL state
/// (<see cref="ReadUrl"/>), the base writes the canonical URL back without a history entry, loads when the state changes,
/// follows the live feed, and runs every load in one cancellation series: a newer load cancels the older.
/// </summary>
/// <typeparam name="TUrl">The page's URL state: a record, compared by value.</typeparam>
public abstract class DashboardPage<TUrl> : PageComponentBase
    where TUrl : class
{
    private CancellationTokenSource? _load;
    private IDisposable? _feed;
    private TUrl? _loadedFor;
    private FeedTick? _loadTick;
    private bool _rendered;

    [Inject]
    protected NavigationManager Nav { get; set; } = default!;

    [Inject]
    private FeedTicks Ticks { get; set; } = default!;

    /// <summary>Reads that the pages showing the same view at the same tick share.</summary>
    [Inject]
    protected SharedReads Shared { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    protected ViewerClock Clock { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    /// <summary>
    /// Why the last load failed (the store could not be read), in words for the analyst; null once a load succeeds. The
    /// page keeps showing what it showed before, and loads again on the next arrival or on <see cref="RetryAsync"/>.
    /// </summary>
    protected string? LoadError { get; private set; }

    /// <summary>
    /// What the page says about how it read its URL (bounds beyond <see cref="RangeLimits"/> were clamped or dropped);
    /// null when it read the URL as given. It stays while the canonical URL replaces the link, until another view is chosen.
    /// </summary>
    protected string? UrlNotice { get; private set; }

    // The filter vocabulary (State/FilterCodec and the pages' own keys). Public only because Blazor requires it.
    [SupplyParameterFromQuery(Name = "range")] public string? QueryRange { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? QueryFrom { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? QueryTo { get; set; }
    [SupplyParameterFromQuery(Name = "tz")] public string? QueryTz { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string[]? QuerySource { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string[]? QueryType { get; set; }
    [SupplyParameterFromQuery(Name = "milestone")] public string[]? QueryMilestone { get; set; }
    [SupplyParameterFromQuery(Name = "outcome")] public string[]? QueryOutcome { get; set; }
    [SupplyParameterFromQuery(Name = "reason")] public string[]? QueryReason { get; set; }
    [SupplyParameterFromQuery(Name = "reasonField")] public string? QueryReasonField { get; set; }
    [SupplyParameterFromQuery(Name = "reasonCode")] public string? QueryReasonCode { get; set; }
    [SupplyParameterFromQuery(Name = "authenticator")] public string[]? QueryAuthenticator { get; set; }
    [SupplyParameterFromQuery(Name = "person")] public string? QueryPerson { get; set; }
    [SupplyParameterFromQuery(Name = "session")] public string? QuerySession { get; set; }
    [SupplyParameterFromQuery(Name = "ip")] public string? QueryIp { get; set; }
    [SupplyParameterFromQuery(Name = "country")] public string[]? QueryCountry { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? QueryText { get; set; }
    [SupplyParameterFromQuery(Name = "event")] public string? QueryEvent { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? QueryGroup { get; set; }
    [SupplyParameterFromQuery(Name = "compare")] public string? QueryCompare { get; set; }
    [SupplyParameterFromQuery(Name = "baseFrom")] public string? QueryBaseFrom { get; set; }
    [SupplyParameterFromQuery(Name = "baseTo")] public string? QueryBaseTo { get; set; }
    [SupplyParameterFromQuery(Name = "funnel")] public string? QueryFunnel { get; set; }
    [SupplyParameterFromQuery(Name = "window")] public string? QueryWindow { get; set; }
    [SupplyParameterFromQuery(Name = "breakdown")] public string? QueryBreakdown { get; set; }
    [SupplyParameterFromQuery(Name = "dropoff")] public string? QueryDropOff { get; set; }
    [SupplyParameterFromQuery(Name = "fast")] public string? QueryFast { get; set; }
    [SupplyParameterFromQuery(Name = "failures")] public string? QueryFailures { get; set; }
    [SupplyParameterFromQuery(Name = "quarantine")] public string? QueryQuarantine { get; set; }
    [SupplyParameterFromQuery(Name = "user")] public string? QueryUser { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? QueryAction { get; set; }
    [SupplyParameterFromQuery(Name = "rule")] public string[]? QueryRule { get; set; }
    [SupplyParameterFromQuery(Name = "severity")] public string[]? QuerySeverity { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string[]? QueryStatus { get; set; }
    [SupplyParameterFromQuery(Name = "assignee")] public string? QueryAssignee { get; set; }
    [SupplyParameterFromQuery(Name = "alert")] public string? QueryAlert { get; set; }

    /// <summary>The view the URL asks for, as last read.</summary>
    protected TUrl Url { get; private set; } = default!;

    /// <summary>The query as the lenient parsers read it: each supplied key with its values.</summary>
    protected IReadOnlyDictionary<string, StringValues> QueryValues()
    {
        var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        Add(query, "range", QueryRange);
        Add(query, "from", QueryFrom);
        Add(query, "to", QueryTo);
        Add(query, "tz", QueryTz);
        Add(query, "source", QuerySource);
        Add(query, "type", QueryType);
        Add(query, "milestone", QueryMilestone);
        Add(query, "outcome", QueryOutcome);
        Add(query, "reason", QueryReason);
        Add(query, "reasonField", QueryReasonField);
        Add(query, "reasonCode", QueryReasonCode);
        Add(query, "authenticator", QueryAuthenticator);
        Add(query, "person", QueryPerson);
        Add(query, "session", QuerySession);
        Add(query, "ip", QueryIp);
        Add(query, "country", QueryCountry);
        Add(query, "q", QueryText);
        Add(query, "event", QueryEvent);
        Add(query, "group", QueryGroup);
        Add(query, "compare", QueryCompare);
        Add(query, "baseFrom", QueryBaseFrom);
        Add(query, "baseTo", QueryBaseTo);
        Add(query, "funnel", QueryFunnel);
        Add(query, "window", QueryWindow);
        Add(query, "breakdown", QueryBreakdown);
        Add(query, "dropoff", QueryDropOff);
        Add(query, "fast", QueryFast);
        Add(query, "failures", QueryFailures);
        Add(query, "quarantine", QueryQuarantine);
        Add(query, "user", QueryUser);
        Add(query, "action", QueryAction);
        Add(query, "rule", QueryRule);
        Add(query, "severity", QuerySeverity);
        Add(query, "status", QueryStatus);
        Add(query, "assignee", QueryAssignee);
        Add(query, "alert", QueryAlert);
        return query;
    }

    /// <summary>A key's single value as the lenient parsers read it (trimmed; null when absent or blank).</summary>
    protected static string? One(IReadOnlyDictionary<string, StringValues> query, string key)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(key, out var values) ? FilterCodec.OneValue(values) : null;
    }

    /// <summary>The page's URL state from the query (lenient: what it cannot read falls back to defaults).</summary>
    protected abstract TUrl ReadUrl(IReadOnlyDictionary<string, StringValues> query);

    /// <summary>Why <paramref name="url"/> is not quite what its link asked for (see <see cref="UrlNotice"/>); null by default.</summary>
    protected virtual string? NoticeOf(TUrl url) => null;

    /// <summary>The one URL that shows <paramref name="url"/> (base-relative; empty for the overview's defaults).</summary>
    protected abstract string CanonicalUrl(TUrl url);

    /// <summary>Reads what the page shows for <see cref="Url"/>. Cancelled when a newer load starts or the page goes.</summary>
    protected abstract Task LoadAsync(TUrl url, CancellationToken cancellationToken);

    /// <summary>How often at most the page reloads while events arrive; null when it does not follow the feed.</summary>
    protected virtual TimeSpan? FeedThrottle => null;

    /// <summary>Whether an arrival changes what <paramref name="url"/> shows (a range that has ended does not).</summary>
    protected virtual bool FollowsFeed(TUrl url) => true;

    /// <summary>Whether the page shows alerts, and so loads again on ticks that only bring alert changes.</summary>
    protected virtual bool FollowsAlerts => false;

    /// <summary>Whether what <paramref name="url"/> shows depends on the viewer's zone (false when it is in UTC).</summary>
    protected virtual bool DependsOnZone(TUrl url) => true;

    protected override void OnInitialized()
    {
        if (FeedThrottle is { } throttle)
        {
            // Subscribed before the first load (in OnParametersSetAsync): an event stored while the page reads still
            // announces itself, where subscribing after the read could miss one until the next event came.
            _feed = Ticks.Subscribe(throttle, tick => InvokeAsync(async () =>
            {
                if (!Gone)
                {
                    await OnFeedAsync(tick);
                }
            }));
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var url = ReadUrl(QueryValues());
        // The canonical form of a corrected link reads back as the same view without the correction: keep saying why.
        UrlNotice = NoticeOf(url) ?? (Equals(url, Url) ? UrlNotice : null);
        Url = url;
        if (_rendered && Canonicalize(url))
        {
            // Blazor supplies the canonical query next; the page loads for that.
            return;
        }

        if (!Equals(url, _loadedFor))
        {
            _loadedFor = url;
            await RefreshAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _rendered = true;
            // A hand-typed or old link is rewritten to its canonical form without a new history entry.
            Canonicalize(Url);
        }
    }

    /// <summary>Events arrived (at most once per <see cref="FeedThrottle"/>): by default, load again if they matter.</summary>
    /// <param name="tick">The tick every page at this pace hears: loads for it share their reads (<see cref="LoadTick"/>).</param>
    protected virtual async Task OnFeedAsync(FeedTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (!(tick.Update.HasEvents || (FollowsAlerts && tick.Update.AlertChanges > 0)))
        {
            return;
        }

        if (FollowsFeed(Url) && await RefreshAsync(tick))
        {
            StateHasChanged();
        }
    }

    protected override Task OnZoneChangedAsync() => DependsOnZone(Url) ? RefreshAsync() : Task.CompletedTask;

    /// <summary>
    /// Rewrites the address bar to <paramref name="url"/>'s canonical form, only where it shows the same path (the same
    /// page and route values) and differs in its query. While the router moves from one session or person to another,
    /// the page hears the new query before its new route value: it must not write the old key's URL over the new one.
    /// </summary>
    private bool Canonicalize(TUrl url)
    {
        var canonical = CanonicalUrl(url);
        return PathOf(Nav.ToBaseRelativePath(Nav.Uri)) == PathOf(canonical) && ReplaceUrl(Nav, canonical);
    }

    private static string PathOf(string relative)
    {
        var end = relative.IndexOfAny(['?', '#']);
        return Uri.UnescapeDataString(end < 0 ? relative : relative[..end]).TrimStart('/');
    }

    /// <summary>Shows <paramref name="url"/>: a new history entry; Blazor then supplies its query and the page loads.</summary>
    protected void Go(TUrl url)
    {
        var target = CanonicalUrl(url);
        Nav.NavigateTo(target.Length == 0 ? "./" : target);
    }

    /// <summary>
    /// The feed tick the load that has just started follows (null for a load the URL or the analyst asked for): such a
    /// load resolves "now" to the tick's instant and reads through <see cref="Shared"/>, so identical views read once.
    /// Read it in <see cref="LoadAsync"/> before its first await.
    /// </summary>
    protected FeedTick? LoadTick => _loadTick;

    /// <summary>Loads again for the current URL; false when a newer load superseded this one or the page has gone.</summary>
    /// <param name="tick">The feed tick this load follows, if any (see <see cref="LoadTick"/>).</param>
    protected async Task<bool> RefreshAsync(FeedTick? tick = null)
    {
        if (Gone)
        {
            return false;
        }

        _load?.Cancel();
        _load?.Dispose();
        var load = _load = CancellationTokenSource.CreateLinkedTokenSource(PageToken);
        _loadTick = tick;
        try
        {
            var loading = LoadAsync(Url, load.Token);
            _loadTick = null;
            await loading;
            if (load.IsCancellationRequested)
            {
                return false;
            }

            LoadError = null;
            return true;
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ShowLoadFailure(ex);
            return true;
        }
    }

    /// <summary>
    /// A read failed: it must not end the analyst's circuit. Says so on the page and logs the error type and message
    /// (store errors carry no event data); the details never reach the browser. For reads outside the load series too.
    /// </summary>
    protected void ShowLoadFailure(Exception exception)
    {
        PageLog.LoadFailed(LoggerFactory.CreateLogger(GetType()), exception, GetType().Name);
        LoadError = "The store could not be read for this view. The error was logged; the page tries again when events arrive, or now with Retry.";
    }

    /// <summary>Loads again after a failure, at the analyst's request.</summary>
    protected async Task RetryAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    /// <summary>The running load's token (the page's own when none runs): work that belongs to the current view uses it.</summary>
    protected CancellationToken LoadToken => _load?.Token ?? PageToken;

    /// <summary>Drops the running load, if any: its results are not shown.</summary>
    protected void CancelLoad() => _load?.Cancel();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _feed?.Dispose();
            _load?.Cancel();
        }

        base.Dispose(disposing);
    }

    private static void Add(Dictionary<string, StringValues> query, string key, string? value)
    {
        if (value is not null)
        {
            query[key] = value;
        }
    }

    private static void Add(Dictionary<string, StringValues> query, string key, string[]? values)
    {
        if (values is { Length: > 0 })
        {
            query[key] = values;
        }
    }
}
