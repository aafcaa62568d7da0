namespace AuthEvents.Web.Components.Pages.Person;

/// <summary>A milestone a person reached: how often, first and last time.</summary>
public sealed record MilestoneLine(string Milestone, int Times, string First, string Last);
