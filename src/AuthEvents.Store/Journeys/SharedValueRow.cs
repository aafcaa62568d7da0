namespace AuthEvents.Store.Journeys;

/// <summary>An IP address, device or phone a person used, and how many other people used it too.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Value">The IP address, or the keyed hash of the device or phone.</param>
/// <param name="Events">This person's events with it.</param>
/// <param name="OtherPeople">Distinct other people with events carrying it.</param>
/// <param name="LastSeen">This person's last event with it.</param>
public sealed record SharedValueRow(PivotKind Kind, string Value, int Events, int OtherPeople, DateTimeOffset LastSeen);
