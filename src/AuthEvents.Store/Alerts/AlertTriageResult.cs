namespace AuthEvents.Store.Alerts;

/// <summary>The outcome of <see cref="AlertStore.ChangeAsync"/>.</summary>
/// <param name="Outcome">Whether the change was made, and if not, why.</param>
/// <param name="Alert">The alert as it now stands (after the change, or as it was when refused); null when not found.</param>
/// <param name="Message">A sentence for the analyst when the change was not made.</param>
public sealed record AlertTriageResult(AlertTriageOutcome Outcome, AlertRecord? Alert, string? Message)
{
    /// <summary>True when the change was made.</summary>
    public bool Changed => Outcome == AlertTriageOutcome.Changed;
}
