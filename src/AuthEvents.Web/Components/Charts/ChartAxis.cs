namespace AuthEvents.Web.Components.Charts;

public static class ChartAxis
{
    public const string Category = "category";
    public const string Time = "time";
}
