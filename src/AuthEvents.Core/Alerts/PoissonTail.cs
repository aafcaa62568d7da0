using MathNet.Numerics;

namespace AuthEvents.Core.Alerts;

/// <summary>P(X ≥ k) for a Poisson count with mean λ: how surprising a spike is against its baseline.</summary>
internal static class PoissonTail
{
    /// <summary>
    /// The upper tail from <paramref name="k"/>: the regularized lower incomplete gamma P(k, λ), which equals it exactly
    /// and stays precise for tiny tails (1 − CDF would cancel).
    /// </summary>
    public static double AtLeast(long k, double lambda) =>
        k <= 0 ? 1 : lambda <= 0 ? 0 : SpecialFunctions.GammaLowerRegularized(k, lambda);
}
