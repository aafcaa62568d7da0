namespace AuthEvents.Web.Components.Pages.Person;

/// <summary>A value a person used (an IP, a country, a device, an authenticator), how often, and whether it is shared with many other people.</summary>
/// <param name="Value">What to show.</param>
/// <param name="Title">The full value, for the tooltip.</param>
/// <param name="Events">The person's events with it.</param>
/// <param name="OtherPeople">Other people seen with it, where counted.</param>
/// <param name="Shared">True when that count reaches the shared-value threshold.</param>
public sealed record UsageLine(string Value, string Title, int Events, int? OtherPeople, bool Shared);
