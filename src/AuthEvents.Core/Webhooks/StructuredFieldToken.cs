namespace AuthEvents.Core.Webhooks;

/// <summary>An RFC 8941 token (an unquoted identifier such as <c>sha-256</c>), kept apart from strings because the two are different types.</summary>
internal readonly record struct StructuredFieldToken(string Value);
