namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>How the failures page groups its breakdown tree.</summary>
public enum FailureGrouping
{
    /// <summary>Source → event type → field → code: where the failures come from.</summary>
    Source,

    /// <summary>Canonical reason → each provider's raw code: the same cause across providers.</summary>
    Reason,
}
