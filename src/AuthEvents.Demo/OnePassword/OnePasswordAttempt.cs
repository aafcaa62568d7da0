namespace AuthEvents.Demo.OnePassword;

/// <summary>Who signs in to 1Password, from where, in which session; shared by the attempts of one sign-in.</summary>
internal sealed record OnePasswordAttempt(Persona Persona, ClientOrigin Origin, string SessionUuid, string? AppVersion = null);
