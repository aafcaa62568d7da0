using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.Privacy;

namespace AuthEvents.Tests.Normalization;

/// <summary>Golden payloads under Fixtures/&lt;provider&gt;/, copied to the output directory by the project file.</summary>
internal static class FixtureFiles
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    // Fixed so that expected hashes stay stable between runs.
    public static readonly byte[] LinkingKey = Enumerable.Range(0x40, 32).Select(i => (byte)i).ToArray();

    public static LinkingHasher Hasher { get; } = new(LinkingKey);

    public static string Directory(EventSource source) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", source.ToString());

    public static string Read(EventSource source, string name) =>
        File.ReadAllText(Path.Combine(Directory(source), name + ".json"));

    public static RawRecord Record(EventSource source, string name) =>
        RawFor(source, Read(source, name));

    public static RawRecord RawFor(EventSource source, string payload) =>
        new(source, "", "", payload, ReceivedAt);

    public static IEnumerable<string> Names(EventSource source) =>
        System.IO.Directory.EnumerateFiles(Directory(source), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static IEnumerable<(EventSource Source, string Name)> All() =>
        Enum.GetValues<EventSource>().SelectMany(source => Names(source).Select(name => (source, name)));

    public static bool IsMalformed(string name) => name.StartsWith("malformed-", StringComparison.Ordinal);
}
