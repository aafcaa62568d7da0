namespace AuthEvents.Core.Webhooks;

/// <summary>
/// One member of an RFC 8941 dictionary: either an item or an inner list, with the member's parameters. Keeps the
/// member's value exactly as it was received (after the <c>=</c>, up to the end of its parameters) because RFC 9421's
/// <c>@signature-params</c> line is built from that text, and re-serializing could differ from what the sender signed.
/// </summary>
internal sealed class StructuredFieldMember
{
    public StructuredFieldMember(object? item, IReadOnlyList<StructuredFieldItem>? innerList, IReadOnlyDictionary<string, object> parameters, string serialized)
    {
        Item = item;
        InnerList = innerList;
        Parameters = parameters;
        Serialized = serialized;
    }

    /// <summary>The bare value when the member is an item; null for an inner list.</summary>
    public object? Item { get; }

    /// <summary>The items when the member is an inner list; null for an item.</summary>
    public IReadOnlyList<StructuredFieldItem>? InnerList { get; }

    /// <summary>The parameters of the item or of the inner list (last occurrence wins, as RFC 8941 says).</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>The member's value as received, parameters included, without surrounding whitespace.</summary>
    public string Serialized { get; }
}
