using System.Globalization;
using AuthEvents.Store;

namespace AuthEvents.Benchmarks;

/// <summary>Command line: <c>&lt;command&gt; [--provider Sqlite|PostgreSql] [--events N] [--days N] [--seed N] [--people N] [--iterations N] [--data DIR] [--rebuild]</c>.</summary>
internal sealed record BenchOptions(string Command, DatasetSpec Spec, int Iterations, string DataDirectory, bool Rebuild)
{
    /// <summary><c>live-browser</c>: webhooks per second during the load.</summary>
    public int Rate { get; init; } = 200;

    /// <summary><c>live-browser</c>: how long the load lasts.</summary>
    public int LoadSeconds { get; init; } = 60;

    /// <summary><c>live-browser</c>: marker events timed on an idle page.</summary>
    public int Markers { get; init; } = 30;

    /// <summary><c>live-browser</c>: also record a Chromium trace of the unfiltered page under load and print where its main thread's time went.</summary>
    public bool Trace { get; init; }

    /// <summary><c>live-browser</c>: the page watched under load (default <c>live</c>; <c>""</c> for the overview). Pause/Resume is clicked on /live only.</summary>
    public string Page { get; init; } = "live";

    /// <summary><c>viewers</c>: the numbers of pages open at each level (the level with none is always measured).</summary>
    public IReadOnlyList<int> Viewers { get; init; } = [5, 10, 20];

    /// <summary>The store the dataset is built in: a SQLite file under the data folder, or a database on a PostgreSQL server (see <see cref="BenchServer"/>).</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary><c>scale</c>: the stored-event counts (below <see cref="DatasetSpec.Events"/>) at which loading pauses and every figure is taken; the full size always is.</summary>
    public IReadOnlyList<int> Checkpoints { get; init; } = [];

    /// <summary>PostgreSQL: concurrent writers (each its own service provider and <see cref="EventStore"/>, like nodes) for the bulk of the load.</summary>
    public int Writers { get; init; } = 2;

    /// <summary><c>scale</c>, <c>generate</c>: events in each timed ingest sample just before a checkpoint (one writer; on PostgreSQL then two).</summary>
    public int Sample { get; init; } = 50_000;

    /// <summary>PostgreSQL without <c>ConnectionStrings:Bench</c>: a cluster folder to keep between runs (else a temporary cluster, removed at the end).</summary>
    public string? PostgresDirectory { get; init; }

    public const string Usage = "usage: dotnet run -c Release --project bench/AuthEvents.Benchmarks -- <command> [--provider Sqlite|PostgreSql] [--events N] [--days N] [--seed N] [--people N] [--iterations N] [--data DIR] [--rebuild]; scale and generate also [--checkpoints 1000000,...] [--sample N] [--writers N (PostgreSQL)] [--pg-dir DIR]; live-browser also [--rate N] [--seconds N] [--markers N] [--trace] [--page PATH]; viewers also [--rate N] [--seconds N] [--viewers 5,10,20]";

    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var spec = DatasetSpec.Default;
        var iterations = 15;
        var data = DefaultDataDirectory();
        var rebuild = false;
        var trace = false;
        var page = "live";
        int rate = 200, seconds = 60, markers = 30;
        IReadOnlyList<int> viewers = [5, 10, 20];
        IReadOnlyList<int> checkpoints = [];
        var provider = StoreProvider.Sqlite;
        int writers = 2, sample = 50_000;
        string? pgDirectory = null;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--rebuild":
                    rebuild = true;
                    break;
                case "--page" when i + 1 < args.Count:
                    page = args[++i].TrimStart('/');
                    break;
                case "--trace":
                    trace = true;
                    break;
                case "--data" when i + 1 < args.Count:
                    data = Path.GetFullPath(args[++i]);
                    break;
                case "--events" when i + 1 < args.Count && Number(args[++i]) is { } events:
                    spec = spec with { Events = events };
                    break;
                case "--days" when i + 1 < args.Count && Number(args[++i]) is { } days:
                    spec = spec with { Days = days };
                    break;
                case "--seed" when i + 1 < args.Count && Number(args[++i]) is { } seed:
                    spec = spec with { Seed = seed };
                    break;
                case "--people" when i + 1 < args.Count && Number(args[++i]) is { } people:
                    spec = spec with { People = people };
                    break;
                case "--iterations" when i + 1 < args.Count && Number(args[++i]) is { } n:
                    iterations = n;
                    break;
                case "--rate" when i + 1 < args.Count && Number(args[++i]) is { } r:
                    rate = r;
                    break;
                case "--seconds" when i + 1 < args.Count && Number(args[++i]) is { } s:
                    seconds = s;
                    break;
                case "--markers" when i + 1 < args.Count && Number(args[++i]) is { } m:
                    markers = m;
                    break;
                case "--provider" when i + 1 < args.Count && Enum.TryParse<StoreProvider>(args[++i], ignoreCase: true, out var p) && Enum.IsDefined(p):
                    provider = p;
                    break;
                case "--checkpoints" when i + 1 < args.Count && args[++i].Split(',').Select(Number).ToList() is { Count: > 0 } points && points.All(c => c is not null):
                    checkpoints = points.Select(c => c!.Value).Distinct().Order().ToList();
                    break;
                case "--writers" when i + 1 < args.Count && Number(args[++i]) is { } w:
                    writers = w;
                    break;
                case "--sample" when i + 1 < args.Count && Number(args[++i]) is { } n:
                    sample = n;
                    break;
                case "--pg-dir" when i + 1 < args.Count:
                    pgDirectory = Path.GetFullPath(args[++i]);
                    break;
                case "--viewers" when i + 1 < args.Count && args[++i].Split(',').Select(Number).ToList() is { Count: > 0 } levels && levels.All(l => l is not null):
                    viewers = levels.Select(l => l!.Value).Order().ToList();
                    break;
                default:
                    return null;
            }
        }

        return new BenchOptions(args[0], spec, iterations, data, rebuild) {
            Rate = rate, LoadSeconds = seconds, Markers = markers, Trace = trace, Page = page, Viewers = viewers,
            Provider = provider, Checkpoints = checkpoints, Writers = writers, Sample = sample, PostgresDirectory = pgDirectory,
        };
    }

    private static int? Number(string text) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    // bench/AuthEvents.Benchmarks/data (git-ignored), found from the build output whatever the working directory.
    internal static string DefaultDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AuthEvents.Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "data");
    }
}
