namespace AuthEvents.Store.Alerts;

/// <summary>How an alert was raised (stored as an int).</summary>
public enum AlertOrigin
{
    /// <summary>By the live evaluation of newly committed events.</summary>
    Live = 1,

    /// <summary>By re-evaluating stored events after a rule was added or changed; never notified.</summary>
    History = 2,
}
