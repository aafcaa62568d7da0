namespace AuthEvents.Demo.FusionAuth;

/// <summary>One enrolled FusionAuth two-factor method (<c>authenticator</c>, <c>sms</c> or <c>email</c>).</summary>
internal sealed record FusionAuthMethod(string Id, string Method);
