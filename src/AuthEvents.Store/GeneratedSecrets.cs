using System.Text.Json;

namespace AuthEvents.Store;

/// <summary>
/// The secrets this installation generated for itself where none are configured, kept in <c>keys.json</c> in the data
/// folder: the storage keys and, in demo mode, the simulated providers' keys and tokens. A secret is generated once and
/// read back on every later start. The file is created readable and writable by its owner only.
/// </summary>
public sealed class GeneratedSecrets
{
    public const string FileName = "keys.json";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _values;

    public GeneratedSecrets(string dataDirectory)
    {
        FilePath = Path.Combine(dataDirectory, FileName);
        _values = File.Exists(FilePath) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(FilePath)) ?? [] : [];
    }

    public string FilePath { get; }

    /// <summary>The secret named <paramref name="name"/>; on first use <paramref name="create"/> makes it and it is saved.</summary>
    public string GetOrAdd(string name, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            if (_values.TryGetValue(name, out var value))
            {
                return value;
            }

            value = create();
            _values[name] = value;
            Save();
            return value;
        }
    }

    private void Save()
    {
        PrivateFiles.CreateFolder(Path.GetDirectoryName(FilePath)!);
        PrivateFiles.WriteAtomically(FilePath, stream => JsonSerializer.Serialize(stream, _values));
    }
}
