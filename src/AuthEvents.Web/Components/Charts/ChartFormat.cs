namespace AuthEvents.Web.Components.Charts;

public static class ChartFormat
{
    public const string Count = "count";
    public const string Percent = "percent";
    public const string Duration = "duration";
}
