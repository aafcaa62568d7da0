using AuthEvents.Demo.FusionAuth;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// A synthetic person. The same e-mail address is used on every provider the person has an account with, so
/// cross-provider linking works; the per-provider subject ids are stable for the person's whole life.
/// A few members change as the simulation runs (an account registered, a last-login time moved on).
/// </summary>
internal sealed class Persona
{
    public required int Index { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public required Place Home { get; init; }
    public required string HomeIp { get; init; }
    public required string Phone { get; init; }
    public required IReadOnlyList<PersonaDevice> Devices { get; init; }
    public required string Language { get; init; }
    public required double Activity { get; init; }
    public required PersonaIdentity Identity { get; init; }

    public bool HasLoginGov { get; set; }
    public required string LoginGovUserUuid { get; init; }
    public required string LoginGovMfa { get; init; }
    public required string OtpDeliveryMethod { get; init; }

    /// <summary>Set once the person finished identity proofing; a later proofing is then a reproof.</summary>
    public bool IdentityVerified { get; set; }

    public required bool HasOnePassword { get; init; }
    public required string OnePasswordUuid { get; init; }
    public required string? OnePasswordMfa { get; init; }

    public required bool HasEntrust { get; init; }
    public required string EntrustSubject { get; init; }
    public required string EntrustUserName { get; init; }
    public required string EntrustToken { get; init; }
    public required bool IsEntrustAdmin { get; init; }

    public required bool HasFusionAuth { get; init; }
    public required string FusionAuthUserId { get; init; }
    public required string FusionAuthRegistrationId { get; init; }
    public required IReadOnlyList<FusionAuthMethod> FusionAuthMethods { get; set; }
    public required long FusionAuthInsertInstant { get; init; }
    public required string FusionAuthPlan { get; init; }
    public long? FusionAuthLastLoginInstant { get; set; }
    public required long FusionAuthPasswordUpdatedInstant { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    public bool IsUsResident => Home.Country == "US";

    public PersonaDevice PrimaryDevice => Devices[0];
}
