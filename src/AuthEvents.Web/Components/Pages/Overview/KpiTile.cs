namespace AuthEvents.Web.Components.Pages.Overview;

/// <summary>
/// One headline figure with its change against the previous equal range. <see cref="Trend"/> says whether the change is
/// good, bad or neither for this figure (more rate limiting is bad; more attempts is neither), so colour follows meaning.
/// </summary>
public sealed record KpiTile(string Label, string Value, string Change, KpiTrend Trend, string Detail, string Href, string TestId);
