namespace AuthEvents.Store.Journeys;

/// <summary>A value that ties sessions and people together.</summary>
public enum PivotKind
{
    /// <summary>The client IP address.</summary>
    Ip = 1,

    /// <summary>The device key (keyed hash of a device cookie or id).</summary>
    Device = 2,

    /// <summary>The keyed hash of a phone number.</summary>
    Phone = 3,
}
