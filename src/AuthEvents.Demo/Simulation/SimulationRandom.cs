namespace AuthEvents.Demo.Simulation;

/// <summary>Distributions the scenarios draw from. Every draw goes through the generator's one seeded <see cref="Random"/>.</summary>
internal static class SimulationRandom
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = 0.0;
        foreach (var (_, weight) in items)
        {
            total += weight;
        }

        var target = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            target -= weight;
            if (target < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static int IntBetween(this Random random, int minInclusive, int maxInclusive) => random.Next(minInclusive, maxInclusive + 1);

    /// <summary>Log-uniform: human waits are skewed, most short and a few long.</summary>
    public static double LogUniform(this Random random, double min, double max) =>
        Math.Exp(random.Between(Math.Log(min), Math.Log(max)));

    public static double StandardNormal(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * random.StandardNormal())));
        }

        // Knuth's method is exact and cheap for the small per-second means used here.
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}
