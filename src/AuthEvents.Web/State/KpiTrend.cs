namespace AuthEvents.Web.State;

public enum KpiTrend
{
    Neutral,
    Better,
    Worse,
}
