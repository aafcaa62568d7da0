namespace AuthEvents.Web.Components.Pages.Overview;

public enum KpiTrend
{
    Neutral,
    Better,
    Worse,
}
