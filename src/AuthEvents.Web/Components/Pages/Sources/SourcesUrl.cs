using AuthEvents.Core.Events;

namespace AuthEvents.Web.Components.Pages.Sources;

/// <summary>The /sources view as it lives in the URL: the quarantine narrowed to one provider, or all of it.</summary>
public sealed record SourcesUrl(EventSource? Quarantine);
