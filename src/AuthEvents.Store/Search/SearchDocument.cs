using AuthEvents.Store.Entities;

namespace AuthEvents.Store.Search;

/// <summary>
/// The text an event is found by: the tokens (<see cref="SearchTokens"/>) of the README's free-text fields and nothing
/// else. Event type, milestone, masked e-mail (only ever the masked form), IP, country, city, user agent, authenticator,
/// provider event id (from its start), canonical failure reasons, and each failure reason's provider field and code. Never the keyed
/// hashes (subject, person, session, device, phone), the attributes or anything stored only masked.
/// </summary>
public static class SearchDocument
{
    /// <summary>
    /// The rules this class (and <see cref="SearchTokens"/>) build documents by. Raise it with any change to what a
    /// document holds: the next start then empties the index, and every stored event is indexed again in the background
    /// (<see cref="SearchIndex.PrepareAsync"/>, <see cref="SearchIndexBuilder"/>).
    /// </summary>
    public const int Version = 1;

    /// <summary>Most tokens one event is indexed by; a value past it (a freak user agent) is not searched beyond it.</summary>
    public const int MaxTokens = 400;

    /// <summary>
    /// The event's tokens joined by single spaces, each once. Reads <see cref="EventRecord.FailureReasons"/>: pass the
    /// record as the mapper built it (or loaded with its reasons).
    /// </summary>
    public static string Of(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return SearchTokens.Join(TokensOf(record));
    }

    /// <summary>The event's distinct tokens, in field order.</summary>
    public static IReadOnlyCollection<string> TokensOf(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tokens = new TokenSet();
        SearchTokens.Add(tokens, record.EventType);
        SearchTokens.Add(tokens, record.Milestone);
        SearchTokens.Add(tokens, record.EmailMasked);
        SearchTokens.Add(tokens, record.Ip);
        SearchTokens.Add(tokens, record.Country);
        SearchTokens.Add(tokens, record.City);
        SearchTokens.Add(tokens, record.Authenticator);
        // Whole only: ids are unique, so each of their parts would be a term of its own in the index (a third of its size
        // at 1M events) for a search nobody makes; an id is pasted or typed from its start.
        SearchTokens.AddWhole(tokens, record.ProviderEventId);
        SearchTokens.Add(tokens, record.ReasonCodes);
        foreach (var reason in record.FailureReasons)
        {
            SearchTokens.Add(tokens, reason.Canonical);
            SearchTokens.Add(tokens, reason.Field);
            SearchTokens.Add(tokens, reason.Code);
        }

        // Last: the longest and least telling field, the one to lose if an event has too many tokens.
        SearchTokens.Add(tokens, record.UserAgent);
        return tokens;
    }

    /// <summary>Distinct tokens in the order first added, at most <see cref="MaxTokens"/>.</summary>
    private sealed class TokenSet : ICollection<string>, IReadOnlyCollection<string>
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public int Count => _order.Count;

        public bool IsReadOnly => false;

        public void Add(string item)
        {
            if (_order.Count < MaxTokens && item.Length > 0 && _seen.Add(item))
            {
                _order.Add(item);
            }
        }

        public void Clear()
        {
            _seen.Clear();
            _order.Clear();
        }

        public bool Contains(string item) => _seen.Contains(item);

        public void CopyTo(string[] array, int arrayIndex) => _order.CopyTo(array, arrayIndex);

        public bool Remove(string item) => throw new NotSupportedException();

        public IEnumerator<string> GetEnumerator() => _order.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
