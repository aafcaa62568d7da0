namespace AuthEvents.Core.Webhooks;

/// <summary>
/// An RFC 8941 item: a bare value and its parameters. The value is a <see cref="long"/> (integer), <see cref="decimal"/>,
/// <see cref="string"/>, <see cref="StructuredFieldToken"/>, <c>byte[]</c> (byte sequence) or <see cref="bool"/>.
/// </summary>
internal sealed record StructuredFieldItem(object Value, IReadOnlyDictionary<string, object> Parameters);
