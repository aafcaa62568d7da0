using System.Text.Json;

namespace AuthEvents.Core.Normalization;

/// <summary>
/// Collects <see cref="Events.AuthEvent.Attributes"/>. Each normalizer copies only the keys on its own whitelist,
/// as strings; blank and non-scalar values are skipped.
/// </summary>
internal sealed class AttributeBag
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Adds a value unless it is null or blank.</summary>
    internal void Add(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _values[key] = value;
        }
    }

    /// <summary>Copies scalar properties of <paramref name="element"/> under <paramref name="prefix"/> plus their own names.</summary>
    internal void CopyScalars(JsonElement element, IEnumerable<string> names, string prefix = "")
    {
        foreach (var name in names)
        {
            Add(prefix + name, JsonFields.ScalarText(element, name));
        }
    }

    /// <summary>The collected attributes.</summary>
    internal IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(_values, StringComparer.Ordinal);
}
