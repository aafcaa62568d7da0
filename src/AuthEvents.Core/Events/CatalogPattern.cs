namespace AuthEvents.Core.Events;

/// <summary>
/// The small pattern language the catalogs use for provider names and codes: an exact value, <c>*</c> for
/// any value, or <c>*suffix</c> for any value ending with the suffix (e.g. <c>*-rate-limited</c>, <c>*_blocked</c>).
/// Matching is ordinal: providers mix casing (FusionAuth's <c>SAMLv2</c>) and the raw value is what is kept.
/// </summary>
internal static class CatalogPattern
{
    /// <summary>Matches any value.</summary>
    internal const string Any = "*";

    /// <summary>No match.</summary>
    internal const int NoMatch = -1;

    /// <summary>Matched by <c>*</c>.</summary>
    internal const int AnyMatch = 0;

    /// <summary>Matched by a <c>*suffix</c> pattern.</summary>
    internal const int SuffixMatch = 1;

    /// <summary>Matched exactly.</summary>
    internal const int ExactMatch = 2;

    /// <summary>How specifically <paramref name="pattern"/> matches <paramref name="value"/>, or <see cref="NoMatch"/>.</summary>
    internal static int Match(string pattern, string value)
    {
        if (pattern == Any)
        {
            return AnyMatch;
        }

        if (pattern.Length > 1 && pattern[0] == '*')
        {
            return value.EndsWith(pattern.AsSpan(1), StringComparison.Ordinal) ? SuffixMatch : NoMatch;
        }

        return string.Equals(pattern, value, StringComparison.Ordinal) ? ExactMatch : NoMatch;
    }
}
