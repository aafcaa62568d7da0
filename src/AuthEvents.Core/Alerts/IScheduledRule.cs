namespace AuthEvents.Core.Alerts;

/// <summary>
/// A rule evaluated every minute on the hourly rollups rather than on each event (the baseline rules). It matches no event
/// itself: the scheduler hands it hour figures and their baseline.
/// </summary>
public interface IScheduledRule : IAlertRule
{
    /// <summary>How much history the store must hold before the rule judges anything (no baseline before it).</summary>
    TimeSpan BaselineMin { get; }
}
