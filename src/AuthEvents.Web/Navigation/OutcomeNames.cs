using AuthEvents.Core.Events;

namespace AuthEvents.Web.Navigation;

/// <summary>The URL and export spelling of outcomes: <c>success</c>, <c>failure</c>, <c>rate-limited</c>, <c>info</c>.</summary>
public static class OutcomeNames
{
    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.Success => "success",
        Outcome.Failure => "failure",
        Outcome.RateLimited => "rate-limited",
        _ => "info",
    };

    public static string Display(Outcome outcome) => outcome switch
    {
        Outcome.Success => "Success",
        Outcome.Failure => "Failure",
        Outcome.RateLimited => "Rate limited",
        _ => "Info",
    };

    public static bool TryParse(string? text, out Outcome outcome)
    {
        outcome = default;
        var normalized = (text ?? "").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return normalized.Length > 0 && !char.IsAsciiDigit(normalized[0])
            && Enum.TryParse(normalized, ignoreCase: true, out outcome) && Enum.IsDefined(outcome);
    }
}
