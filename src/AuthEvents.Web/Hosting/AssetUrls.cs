using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// URLs for the front-end files copied to <c>web-assets/</c> at build time, tagged with a hash of their content
/// so browsers cache them for a year and still pick up a new build at once.
/// </summary>
public sealed class AssetUrls(string root)
{
    public const string RequestPath = "/assets";
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public string Url(string relativePath) => _urls.GetOrAdd(relativePath, path =>
    {
        var file = Path.Combine(Root, path);
        if (!File.Exists(file))
        {
            return $"{RequestPath}/{path}";
        }

        using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 6));
        return $"{RequestPath}/{path}?v={hash}";
    });
}
