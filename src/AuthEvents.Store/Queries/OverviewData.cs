namespace AuthEvents.Store.Queries;

/// <summary>Everything the overview page shows for one range, loaded by <see cref="OverviewQueries.LoadAsync"/> in a few reads.</summary>
public sealed record OverviewData(
    OverviewKpis Kpis,
    TimeSeries Attempts,
    IReadOnlyList<MilestoneCounts> Milestones,
    IReadOnlyList<AuthenticatorCounts> MfaByAuthenticator,
    IReadOnlyList<ReasonGroup> TopReasons,
    IReadOnlyList<SourceCounts> Sources,
    IReadOnlyList<CountryCounts> Countries);
