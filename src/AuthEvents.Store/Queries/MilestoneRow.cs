namespace AuthEvents.Store.Queries;

/// <summary>For one milestone: distinct people who attempted it, who succeeded, and the events counted.</summary>
public sealed record MilestoneRow(string Milestone, int PeopleAttempted, int PeopleSucceeded, int Events);
