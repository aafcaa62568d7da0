namespace AuthEvents.Store.Queries;

/// <summary>The KPI figures of <c>[From, To)</c> and of the equally long range just before it, <c>[PreviousFrom, From)</c>.</summary>
public sealed record OverviewKpis(DateTimeOffset From, DateTimeOffset To, KpiFigures Current, KpiFigures Previous)
{
    public DateTimeOffset PreviousFrom => From - (To - From);
}
