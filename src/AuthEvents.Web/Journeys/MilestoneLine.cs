namespace AuthEvents.Web.Journeys;

/// <summary>A milestone a person reached: how often, first and last time.</summary>
public sealed record MilestoneLine(string Milestone, int Times, string First, string Last);
