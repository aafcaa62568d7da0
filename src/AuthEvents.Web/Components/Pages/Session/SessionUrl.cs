namespace AuthEvents.Web.Components.Pages.Session;

/// <summary>The /sessions/{key} view as it lives in the URL: the session, and times in UTC (<c>tz=utc</c>) or not.</summary>
public sealed record SessionUrl(string Key, bool Utc);
