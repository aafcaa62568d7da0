namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Slow swings in overall load: a mean-reverting random walk of the log rate, one step per simulated second,
/// corrected so the multiplier averages 1. Busy and quiet stretches last minutes, as in real traffic.
/// </summary>
internal sealed class LoadCurve
{
    private const double Reversion = 1.0 / 120;
    private const double Volatility = 0.032;
    private static readonly double StationaryVariance = Volatility * Volatility / ((2 * Reversion) - (Reversion * Reversion));

    private double _logLoad;

    public double Next(Random random)
    {
        _logLoad += (-Reversion * _logLoad) + (Volatility * random.StandardNormal());
        return Math.Exp(_logLoad - (StationaryVariance / 2));
    }
}
