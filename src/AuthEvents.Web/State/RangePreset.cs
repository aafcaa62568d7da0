namespace AuthEvents.Web.State;

/// <summary>A time-range preset as pickers list it.</summary>
public sealed record RangePreset(string Preset, string Label);
