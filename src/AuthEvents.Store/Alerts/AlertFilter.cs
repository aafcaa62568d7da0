using AuthEvents.Core.Alerts;

namespace AuthEvents.Store.Alerts;

/// <summary>Which alerts a list shows: each set empty means any; the range is on last seen.</summary>
public sealed record AlertFilter
{
    /// <summary>Everything.</summary>
    public static AlertFilter All { get; } = new();

    /// <summary>Rule ids.</summary>
    public IReadOnlySet<string> Rules { get; init; } = new HashSet<string>();

    /// <summary>Severities.</summary>
    public IReadOnlySet<AlertSeverity> Severities { get; init; } = new HashSet<AlertSeverity>();

    /// <summary>Statuses.</summary>
    public IReadOnlySet<AlertStatus> Statuses { get; init; } = new HashSet<AlertStatus>();

    /// <summary>The assignee's subject; <see cref="Unassigned"/> for alerts nobody has; null for any.</summary>
    public string? Assignee { get; init; }

    /// <summary>Last seen at or after, UTC.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Last seen before, UTC.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The <see cref="Assignee"/> value for alerts assigned to nobody.</summary>
    public const string Unassigned = "";
}
