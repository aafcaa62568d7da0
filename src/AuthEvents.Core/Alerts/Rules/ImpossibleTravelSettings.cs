using AuthEvents.Core.Journeys;

namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// Settings of <see cref="ImpossibleTravelRule"/>: one trip faster than 1,000 km/h over at least 500 km, looked for
/// within a day of each located event (at that speed any longer trip is possible), Medium.
/// </summary>
public sealed record ImpossibleTravelSettings : AlertRuleSettings
{
    /// <summary>The defaults.</summary>
    public ImpossibleTravelSettings()
    {
        Threshold = 1;
        Window = TimeSpan.FromDays(1);
        Severity = AlertSeverity.Medium;
    }

    /// <summary>A trip faster than this is impossible.</summary>
    public double MaxSpeedKmh { get; init; } = new PersonFlagOptions().MaxSpeedKmh;

    /// <summary>Shorter trips are ignored.</summary>
    public double MinDistanceKm { get; init; } = new PersonFlagOptions().MinDistanceKm;

    /// <summary>The person flags' options with these speeds and distances, so that the person page and the alert agree.</summary>
    public PersonFlagOptions ToFlagOptions() => new() { MaxSpeedKmh = MaxSpeedKmh, MinDistanceKm = MinDistanceKm };
}
