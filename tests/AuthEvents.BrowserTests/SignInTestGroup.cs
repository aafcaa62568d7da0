namespace AuthEvents.BrowserTests;

/// <summary>
/// The sign-in browser tests: their own provider, dashboard and Chromium. Not run beside the shared browser group
/// (parallelization off), so that two Chromiums and two demo-fed dashboards never share the machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignInTestGroup : ICollectionFixture<SignInFixture>
{
    public const string Name = "sign-in";
}
