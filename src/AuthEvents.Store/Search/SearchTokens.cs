using System.Text;

namespace AuthEvents.Store.Search;

/// <summary>
/// The one definition of a search token, shared by the documents (<see cref="SearchDocument"/>) and the words of a search
/// (<see cref="SearchTerms"/>), so that both providers' indexes hold exactly the tokens computed here and never split
/// or fold them again (SQLite: the <c>ascii</c> tokenizer with every ASCII punctuation mark but the two quotes as a
/// token character; PostgreSQL: <c>array_to_tsvector</c>, which takes lexemes as they are).
/// </summary>
/// <remarks>
/// A value is lower-cased (invariant culture) and cut into <em>pieces</em> at white space, control characters and
/// the quotes <c>"</c> and <c>'</c>. A piece is indexed whole (<c>203.0.113.7</c>, <c>j***@example.com</c>), from the
/// start of each letter-or-digit run that follows a punctuation mark (<c>0.113.7</c>, <c>example.com</c>), and each such
/// run alone (<c>203</c>, <c>example</c>, <c>com</c>). A search word matches when it is the start of one of these tokens.
/// </remarks>
public static class SearchTokens
{
    /// <summary>Longest token kept; a longer piece is cut (a search word is cut the same way, so it still matches).</summary>
    public const int MaxTokenLength = 128;

    /// <summary>Most tokens one run of punctuation-separated parts adds, so that a hostile value cannot blow up an index row.</summary>
    public const int MaxPartsPerPiece = 24;

    /// <summary>True for the characters that end a piece: white space, control characters and both quotes.</summary>
    public static bool IsSeparator(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'';

    /// <summary>The pieces of <paramref name="value"/>: lower-cased, cut at separators, each at most <see cref="MaxTokenLength"/> long.</summary>
    public static IEnumerable<string> Pieces(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        var lower = value.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            if (i == lower.Length || IsSeparator(lower[i]))
            {
                if (start >= 0)
                {
                    yield return Cut(lower[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }
    }

    /// <summary>Adds the tokens of one value to <paramref name="tokens"/> (see the remarks of <see cref="SearchTokens"/>).</summary>
    public static void Add(ICollection<string> tokens, string? value)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var piece in Pieces(value))
        {
            tokens.Add(piece);
            var parts = 0;
            var i = 0;
            while (i < piece.Length && parts < MaxPartsPerPiece)
            {
                if (!char.IsLetterOrDigit(piece[i]))
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end < piece.Length && char.IsLetterOrDigit(piece[end]))
                {
                    end++;
                }

                if (i > 0)
                {
                    tokens.Add(piece[i..]);
                }

                tokens.Add(piece[i..end]);
                parts++;
                i = end;
            }
        }
    }

    /// <summary>Adds only the pieces of one value, without their parts: the value is found from its start only.</summary>
    public static void AddWhole(ICollection<string> tokens, string? value)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var piece in Pieces(value))
        {
            tokens.Add(piece);
        }
    }

    /// <summary>True when <paramref name="text"/> has a letter or a digit.</summary>
    public static bool HasLetterOrDigit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Cut(string piece)
    {
        if (piece.Length <= MaxTokenLength)
        {
            return piece;
        }

        // Never split a surrogate pair: half a character is no character at all.
        var length = char.IsHighSurrogate(piece[MaxTokenLength - 1]) ? MaxTokenLength - 1 : MaxTokenLength;
        return piece[..length];
    }

    /// <summary>The tokens joined by single spaces: the text both providers index (no token holds a space).</summary>
    internal static string Join(IEnumerable<string> tokens)
    {
        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(token);
        }

        return text.ToString();
    }
}
