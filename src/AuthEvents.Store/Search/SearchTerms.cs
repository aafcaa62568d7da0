using System.Text;

namespace AuthEvents.Store.Search;

/// <summary>
/// The words of a free-text search, read the way the documents are cut (<see cref="SearchTokens"/>): lower-cased,
/// split at white space and quotes. A word made only of punctuation is dropped; a word shorter than
/// <see cref="MinWordLength"/> is set aside in <see cref="TooShort"/> (it would match the start of almost every token,
/// which no index answers quickly); at most <see cref="MaxTerms"/> words are kept. Every kept word must be the start of a
/// token of the event (AND). The provider query texts quote each word, so no input is ever query syntax.
/// </summary>
public sealed class SearchTerms
{
    /// <summary>Fewest characters a word needs to be searched for.</summary>
    public const int MinWordLength = 2;

    /// <summary>Most words one search uses; later ones are ignored.</summary>
    public const int MaxTerms = 8;

    private SearchTerms(IReadOnlyList<string> words, IReadOnlyList<string> tooShort)
    {
        Words = words;
        TooShort = tooShort;
    }

    /// <summary>The words searched for, lower-cased, each at most <see cref="SearchTokens.MaxTokenLength"/> long.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Words left out for being shorter than <see cref="MinWordLength"/>, as typed (lower-cased).</summary>
    public IReadOnlyList<string> TooShort { get; }

    /// <summary>True when there is something to search for.</summary>
    public bool Any => Words.Count > 0;

    /// <summary>Reads a free-text search (null or blank: no words).</summary>
    public static SearchTerms Parse(string? text)
    {
        var words = new List<string>();
        var tooShort = new List<string>();
        foreach (var piece in SearchTokens.Pieces(text))
        {
            if (!SearchTokens.HasLetterOrDigit(piece))
            {
                continue;
            }

            if (piece.Length < MinWordLength)
            {
                if (!tooShort.Contains(piece, StringComparer.Ordinal))
                {
                    tooShort.Add(piece);
                }

                continue;
            }

            if (words.Count < MaxTerms && !words.Contains(piece, StringComparer.Ordinal))
            {
                words.Add(piece);
            }
        }

        return new SearchTerms(words, tooShort);
    }

    /// <summary>
    /// An FTS5 query: each word a quoted prefix term (<c>"w"*</c>, a quote inside doubled), joined by <c>AND</c>.
    /// Inside quotes FTS5 reads no operator (<c>OR</c>, <c>NEAR(</c>, <c>:</c>, <c>*</c>, <c>^</c> are text).
    /// </summary>
    public string ToFts5Query()
    {
        var query = new StringBuilder();
        foreach (var word in Words)
        {
            if (query.Length > 0)
            {
                query.Append(" AND ");
            }

            query.Append('"').Append(word.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"*");
        }

        return query.ToString();
    }

    /// <summary>
    /// A PostgreSQL <c>tsquery</c> in its input syntax, to be cast with <c>::tsquery</c> (not <c>to_tsquery</c>, which
    /// would parse and fold the words again): each word a quoted lexeme with prefix match (<c>'w':*</c>; a quote or
    /// backslash inside doubled), joined by <c>&amp;</c>.
    /// </summary>
    public string ToTsQuery()
    {
        var query = new StringBuilder();
        foreach (var word in Words)
        {
            if (query.Length > 0)
            {
                query.Append(" & ");
            }

            query.Append('\'')
                .Append(word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal))
                .Append("':*");
        }

        return query.ToString();
    }
}
