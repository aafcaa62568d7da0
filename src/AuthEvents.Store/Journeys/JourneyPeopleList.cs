namespace AuthEvents.Store.Journeys;

/// <summary>The first rows of a funnel list and how many people it has in all.</summary>
public sealed record JourneyPeopleList(int Total, IReadOnlyList<JourneyPersonRow> Rows);
