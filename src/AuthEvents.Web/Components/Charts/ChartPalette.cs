namespace AuthEvents.Web.Components.Charts;

/// <summary>Series colour names the JS module maps to CSS tokens (see <c>--ae-chart-p1</c>.. in app.css).</summary>
public static class ChartPalette
{
    private static readonly string[] Slots = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];

    /// <summary>The palette slot for the n-th series (wraps around).</summary>
    public static string Slot(int index) => Slots[((index % Slots.Length) + Slots.Length) % Slots.Length];

    /// <summary>The role colour of an outcome, so outcome series look the same on every page.</summary>
    public static string Of(AuthEvents.Core.Events.Outcome outcome) => outcome switch
    {
        AuthEvents.Core.Events.Outcome.Success => "success",
        AuthEvents.Core.Events.Outcome.Failure => "failure",
        AuthEvents.Core.Events.Outcome.RateLimited => "ratelimited",
        _ => "info",
    };
}
