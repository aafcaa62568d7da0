using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// The weighted mix of journeys. Shares are of delivered events: Login.gov 46 %, 1Password 18 %, Entrust 14 %,
/// FusionAuth 17 %, attacks 5 % (their events spread over the providers). Within a group, weights are of
/// journeys started.
/// </summary>
internal static class TrafficMix
{
    public static IReadOnlyList<ScenarioGroup> Create() =>
    [
        new ScenarioGroup("login.gov", 0.46, 5.5,
        [
            (LoginGovSignInScenario.Run, 62),
            (LoginGovIdvScenario.Run, 13),
            (LoginGovAccountScenarios.Registration, 9),
            (LoginGovAccountScenarios.Recovery, 7),
            (LoginGovAccountScenarios.PasswordChange, 4),
            (LoginGovAccountScenarios.TestEvent, 0.3),
        ]),
        new ScenarioGroup("1password", 0.18, 1.4,
        [
            (OnePasswordScenarios.SignIn, 90),
            (OnePasswordScenarios.TravelBlocked, 2.5),
            (OnePasswordScenarios.OutdatedClient, 2),
            (OnePasswordScenarios.SsoMismatch, 2),
        ]),
        new ScenarioGroup("entrust", 0.14, 1.4,
        [
            (EntrustScenarios.SignIn, 90),
            (EntrustScenarios.PasswordUpdated, 5),
            (EntrustScenarios.UserCreated, 3),
        ]),
        new ScenarioGroup("fusionauth", 0.17, 3,
        [
            (FusionAuthScenarios.Login, 88),
            (FusionAuthScenarios.PasswordReset, 6),
            (FusionAuthScenarios.AddMethod, 4),
            (FusionAuthScenarios.IdentityProviderLink, 0.5),
        ]),
        new ScenarioGroup("attacks", 0.05, 18,
        [
            (CredentialStuffingScenario.Run, 25),
            (AccountTakeoverScenarios.MfaFatigue, 25),
            (LoginGovIdvScenario.BotRun, 20),
            (AccountTakeoverScenarios.ImpossibleTravel, 30),
        ]),
    ];
}
