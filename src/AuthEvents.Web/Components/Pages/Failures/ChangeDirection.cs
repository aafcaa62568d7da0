namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>How a failure count moved against its baseline: more failures are worse, fewer are better.</summary>
public enum ChangeDirection
{
    Same,
    Worse,
    Better,
}
