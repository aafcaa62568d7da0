using AuthEvents.Core.Journeys;

namespace AuthEvents.Core.Alerts.Rules;

/// <summary>
/// <c>impossible-travel</c>: the person page's travel flag (<see cref="PersonFlags.ImpossibleTravel"/>, the same code)
/// raised as an alert. Over one person's located events (<see cref="AlertSignals.IsLocated"/>) of every provider, it
/// fires at <see cref="AlertRuleSettings.Threshold"/> impossible trips no longer than the window, at least one of them
/// to or from a new event. Each trip's ends are evidence (step 1 from, 2 to).
/// </summary>
public sealed class ImpossibleTravelRule : IPersonRule
{
    private readonly ImpossibleTravelSettings _settings;
    private readonly PersonFlagOptions _flags;

    /// <summary>Builds the rule.</summary>
    public ImpossibleTravelRule(ImpossibleTravelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _flags = settings.ToFlagOptions();
    }

    /// <inheritdoc />
    public string Id => AlertRuleIds.ImpossibleTravel;

    /// <inheritdoc />
    public int LogicVersion => 1;

    /// <inheritdoc />
    public AlertRuleSettings Settings => _settings;

    /// <inheritdoc />
    public AlertKeyKind KeyKind => AlertKeyKind.Person;

    /// <inheritdoc />
    public TimeSpan Before => _settings.Window;

    /// <inheritdoc />
    public TimeSpan After => _settings.Window;

    /// <inheritdoc />
    public bool AttachesEveryMatch => false;

    /// <inheritdoc />
    public bool Matches(AlertInput e) => AlertSignals.IsLocated(e);

    /// <inheritdoc />
    public bool Reads(AlertInput e) => AlertSignals.IsLocated(e);

    /// <inheritdoc />
    public string? KeyOf(AlertInput e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Person;
    }

    /// <inheritdoc />
    public IReadOnlyList<AlertDecision> Decide(PersonWindow window, IReadOnlyList<AlertInput> history)
    {
        ArgumentNullException.ThrowIfNull(window);
        var located = AlertInputOrder.Sorted(window.Events.Where(Reads));
        var byId = located.ToDictionary(e => e.EventId);
        var trips = PersonFlags.ImpossibleTravel(located.Select(ToPersonEvent), _flags)
            .Where(t => t.Elapsed <= _settings.Window)
            .ToList();
        if (trips.Count < _settings.Threshold
            || !trips.Any(t => window.NewIds.Contains(t.From.EventId) || window.NewIds.Contains(t.To.EventId)))
        {
            return [];
        }

        var evidence = new Dictionary<long, AlertEvidence>();
        foreach (var trip in trips)
        {
            evidence.TryAdd(trip.From.EventId, new AlertEvidence(trip.From.EventId, trip.From.OccurredAt, 1));
            evidence.TryAdd(trip.To.EventId, new AlertEvidence(trip.To.EventId, trip.To.OccurredAt, 2));
        }

        var fastest = trips.MaxBy(t => t.SpeedKmh)!;
        var involved = evidence.Keys.Select(id => byId[id]).ToList();
        var sources = AlertInputOrder.Sources(involved);
        var label = involved.Select(e => e.PersonLabel).FirstOrDefault(l => l is not null);
        var speed = double.IsPositiveInfinity(fastest.SpeedKmh) ? "simultaneously" : AlertText.Invariant($"at {fastest.SpeedKmh:0} km/h");
        var figures = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["trips"] = trips.Count,
            ["distanceKm"] = Math.Round(fastest.DistanceKm),
            ["elapsed"] = AlertText.Window(fastest.Elapsed),
            ["speedKmh"] = double.IsPositiveInfinity(fastest.SpeedKmh) ? -1 : Math.Round(fastest.SpeedKmh),
            ["countries"] = new[] { fastest.From.Country ?? "", fastest.To.Country ?? "" },
            ["usesCountryCentroid"] = fastest.UsesCountryCentroid,
            ["providers"] = AlertText.ProviderNames(sources),
            ["threshold"] = _settings.Threshold,
            ["maxSpeedKmh"] = _settings.MaxSpeedKmh,
            ["minDistanceKm"] = _settings.MinDistanceKm,
        };
        var summary = AlertText.Invariant(
            $"{AlertText.Person(label)} was {fastest.DistanceKm:0} km apart within {AlertText.Duration(fastest.Elapsed)} ({speed}) at {AlertText.Providers(sources)}");
        var ordered = evidence.Values.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).ToList();
        return
        [
            new AlertDecision(Id, window.Person, KeyKind, _settings.Severity, ordered[0].OccurredAt, ordered[^1].OccurredAt, summary, figures, ordered)
            {
                Label = label,
            },
        ];
    }

    private static PersonEvent ToPersonEvent(AlertInput e) =>
        new(e.EventId, e.OccurredAt, e.Source, e.EventType, e.Outcome, e.Country, null, e.Latitude, e.Longitude);
}
