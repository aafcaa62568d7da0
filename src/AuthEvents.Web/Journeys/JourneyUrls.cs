using System.Text;

namespace AuthEvents.Web.Journeys;

/// <summary>The one place that builds the journey pages' URLs, so every view is a link another analyst can open.</summary>
public static class JourneyUrls
{
    /// <summary>The funnels page path.</summary>
    public const string Journeys = "journeys";

    /// <summary>The catalog page path.</summary>
    public const string Catalog = "journeys/catalog";

    /// <summary>A person's page.</summary>
    public static string Person(string key) => "people/" + Uri.EscapeDataString(key);

    /// <summary>A person's page with its filters.</summary>
    public static string Person(string key, string? range, bool failuresOnly) =>
        WithQuery(Person(key), [("range", range), ("failures", failuresOnly ? "true" : null)]);

    /// <summary>A session's page.</summary>
    public static string Session(string key) => "sessions/" + Uri.EscapeDataString(key);

    /// <summary>The catalog, optionally for one provider.</summary>
    public static string CatalogFor(string? source) => WithQuery(Catalog, [("source", source)]);

    /// <summary>
    /// True when the browser's base-relative URL is already <paramref name="normal"/>. Escaping differs between what a
    /// browser sends, what the server sees when prerendering, and what was built here, so both sides are unescaped first.
    /// </summary>
    public static bool IsCurrent(string current, string normal)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(normal);
        return string.Equals(Uri.UnescapeDataString(current), Uri.UnescapeDataString(normal), StringComparison.Ordinal);
    }

    /// <summary><paramref name="path"/> with the non-empty query pairs, in the order given, escaped.</summary>
    public static string WithQuery(string path, IEnumerable<(string Key, string? Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var url = new StringBuilder(path);
        var first = true;
        foreach (var (key, value) in pairs)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            url.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return url.ToString();
    }
}
