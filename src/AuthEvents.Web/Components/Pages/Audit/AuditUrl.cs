using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Audit;

/// <summary>The /audit view as it lives in the URL: a range, and optionally one user and one action.</summary>
public sealed record AuditUrl(TimeRange Range, string? User, string? Action, bool Utc);
