namespace AuthEvents.Store.Queries;

/// <summary>MFA challenges (<c>mfa.verify</c> events) for one authenticator, by outcome; null when the provider named none.</summary>
public sealed record AuthenticatorCounts(string? Authenticator, OutcomeCounts Counts);
