using System.Globalization;

namespace AuthEvents.Store.Retention;

/// <summary>What one retention run deleted.</summary>
/// <param name="Events">Events, with their failure reasons (<paramref name="FailureReasons"/>).</param>
/// <param name="FailureReasons">Failure reasons of those events.</param>
/// <param name="InboxRows">Raw payloads: those of the deleted events, and processed ones received before the cutoff.</param>
/// <param name="QuarantineRows">Quarantine rows whose payload went.</param>
/// <param name="RollupRows">Rollup rows left empty, and person ids no event uses any more.</param>
/// <param name="JourneyEvents">Journey rows of the deleted events.</param>
/// <param name="JourneyPeople">People left without events, removed from the journey index with their identities.</param>
/// <param name="AlertEvidence">Alert evidence rows: those of the deleted events, and those of the deleted alerts.</param>
/// <param name="Alerts">Alerts last seen before the cutoff, deleted with their history and outbox rows.</param>
public sealed record RetentionResult(
    long Events, long FailureReasons, long InboxRows, long QuarantineRows, long RollupRows, long JourneyEvents, long JourneyPeople,
    long AlertEvidence, long Alerts)
{
    public static readonly RetentionResult Nothing = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public bool DeletedAnything => this != Nothing;

    public static RetentionResult operator +(RetentionResult left, RetentionResult right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(
            left.Events + right.Events, left.FailureReasons + right.FailureReasons, left.InboxRows + right.InboxRows, left.QuarantineRows + right.QuarantineRows,
            left.RollupRows + right.RollupRows, left.JourneyEvents + right.JourneyEvents, left.JourneyPeople + right.JourneyPeople,
            left.AlertEvidence + right.AlertEvidence, left.Alerts + right.Alerts);
    }

    public static RetentionResult Add(RetentionResult left, RetentionResult right) => left + right;

    /// <summary>The counts as the audit row's detail: <c>12 events, 3 failure reasons, …</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Events} events, {FailureReasons} failure reasons, {InboxRows} inbox rows, {QuarantineRows} quarantine rows, {RollupRows} rollup rows, {JourneyEvents} journey events, {JourneyPeople} journey people, " +
        $"{AlertEvidence} alert evidence rows, {Alerts} alerts");
}
