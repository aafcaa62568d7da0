namespace AuthEvents.Core.Webhooks;

/// <summary>Case-insensitive header lookup over whatever the host hands us (a dictionary, or repeated name/value pairs).</summary>
internal static class HttpHeaders
{
    /// <summary>
    /// The field value for <paramref name="name"/>: repeated lines joined with ", " as RFC 9110 §5.3 combines them, each
    /// stripped of leading and trailing whitespace as RFC 9421 §2.1 requires; null when the header is absent.
    /// </summary>
    public static string? Get(IEnumerable<KeyValuePair<string, string>> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? combined = null;
        foreach (var (key, value) in headers)
        {
            if (!string.Equals(key, name, StringComparison.OrdinalIgnoreCase) || value is null)
            {
                continue;
            }

            var trimmed = value.Trim(' ', '\t');
            combined = combined is null ? trimmed : combined + ", " + trimmed;
        }

        return combined;
    }

    /// <summary>True for a non-empty string of printable ASCII (space to tilde): no control characters, no line breaks.</summary>
    public static bool IsPrintableAscii(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
