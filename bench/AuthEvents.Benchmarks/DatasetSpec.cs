using System.Globalization;

namespace AuthEvents.Benchmarks;

/// <summary>
/// What a benchmark dataset holds: <see cref="Events"/> stored events spread over the <see cref="Days"/> days before
/// <see cref="End"/>, from the simulator seeded with <see cref="Seed"/>. The same spec always builds the same data.
/// </summary>
internal sealed record DatasetSpec(int Events, int Days, int Seed, int People)
{
    /// <summary>Bump when the write path or the generator changes what a cached file would hold.</summary>
    public const int FormatVersion = 1;

    /// <summary>A fixed end instant, so that cached files and figures are comparable between runs.</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static DatasetSpec Default { get; } = new(1_000_000, 30, 20_261_122, 40_000);

    public DateTimeOffset Start => End.AddDays(-Days);

    /// <summary>The PostgreSQL database that holds this dataset (one per spec on the benchmark server).</summary>
    public string DatabaseName => string.Create(CultureInfo.InvariantCulture, $"bench_e{Events}_d{Days}_s{Seed}_p{People}_v{FormatVersion}");

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"events-{Events}-{Days}d-seed{Seed}-p{People}-v{FormatVersion}.db");
}
