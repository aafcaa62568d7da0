namespace AuthEvents.Demo.Simulation;

/// <summary>A journey script: starts at <paramref name="start"/> and schedules all its steps on the context's queue.</summary>
internal delegate void Scenario(TrafficContext context, DateTimeOffset start);
