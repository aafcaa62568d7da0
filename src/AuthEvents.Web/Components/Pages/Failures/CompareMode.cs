namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>Which range the failures page compares the chosen one with.</summary>
public enum CompareMode
{
    /// <summary>No comparison.</summary>
    Off,

    /// <summary>The range of equal length just before the chosen one.</summary>
    Previous,

    /// <summary>The same range one week earlier (this week against last week; a weekday against the same weekday).</summary>
    WeekEarlier,

    /// <summary>An explicit, absolute baseline range.</summary>
    Custom,
}
