using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.Entrust;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Sources;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SourceOptionsValidatorTests
{
    private readonly SourceOptionsValidator _validator = new();

    [Fact]
    public void Validate_DisabledSourcesWithNothingSet_Succeed()
    {
        Assert.True(_validator.Validate(null, new LoginGovSourceOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new OnePasswordSourceOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new EntrustSourceOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new FusionAuthSourceOptions()).Succeeded);
    }

    [Fact]
    public void Validate_LoginGovEnabledMissingEverything_NamesEachSettingWithoutValues()
    {
        var result = _validator.Validate(null, new LoginGovSourceOptions { Enabled = true, MaxEvents = 5000, PollInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Sources:LoginGov:Issuer is required when the source is enabled",
                "Sources:LoginGov:Token is required when the source is enabled",
                "Sources:LoginGov:PrivateKeyPath is required when the source is enabled",
                "Sources:LoginGov:MaxEvents must be between 1 and 1000",
                "Sources:LoginGov:PollInterval must be positive",
            ],
            result.Failures);
    }

    [Fact]
    public void Validate_LoginGovIssuerWithSpace_Fails()
    {
        var result = _validator.Validate(null, new LoginGovSourceOptions { Enabled = true, Issuer = "urn:a b", Token = "t", PrivateKeyPath = "k.pem" });

        Assert.Contains("Sources:LoginGov:Issuer must not contain spaces (it is part of the Authorization header)", result.Failures!);
    }

    [Fact]
    public void Validate_LoginGovSigningKeysRefreshIntervalZero_Fails()
    {
        var result = _validator.Validate(null, new LoginGovSourceOptions { Enabled = true, Issuer = "urn:a", Token = "t", PrivateKeyPath = "k.pem", SigningKeysRefreshInterval = TimeSpan.Zero });

        Assert.Contains("Sources:LoginGov:SigningKeysRefreshInterval must be positive", result.Failures!);
    }

    [Fact]
    public void Validate_SimulatedLoginGovWithoutKeyFile_Succeeds()
    {
        var validator = new SourceOptionsValidator(new AuthEvents.Ingest.Pipeline.SimulatedSources([AuthEvents.Core.Events.EventSource.LoginGov]));

        var result = validator.Validate(null, new LoginGovSourceOptions { Enabled = true, Issuer = "urn:a", Token = "t" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_LoginGovComplete_Succeeds()
    {
        var keyFile = Path.GetTempFileName();
        try
        {
            var result = _validator.Validate(null, new LoginGovSourceOptions { Enabled = true, Issuer = "urn:a", Token = "t", PrivateKeyPath = keyFile + ";" + keyFile });

            Assert.True(result.Succeeded);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public void Validate_LoginGovKeyFileMissing_FailsWithoutNamingIt()
    {
        var result = _validator.Validate(null, new LoginGovSourceOptions { Enabled = true, Issuer = "urn:a", Token = "t", PrivateKeyPath = "/nonexistent/secret-name.pem" });

        Assert.Equal(["Sources:LoginGov:PrivateKeyPath names 1 file(s) that do not exist"], result.Failures);
    }

    [Fact]
    public void Validate_EntrustRelativeCallback_Fails()
    {
        var result = _validator.Validate(null, new EntrustSourceOptions { Enabled = true, WebhookToken = "secret", CallbackUrl = new Uri("/webhooks/entrust", UriKind.Relative) });

        Assert.Equal(["Sources:Entrust:CallbackUrl must be the absolute URL Entrust calls"], result.Failures);
    }

    [Fact]
    public void Validate_FusionAuthWithoutAnyCheck_RefusesAnUnauthenticatedWebhook()
    {
        var result = _validator.Validate(null, new FusionAuthSourceOptions { Enabled = true });

        Assert.Single(result.Failures!);
        Assert.Contains("unauthenticated webhook", result.Failures!.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", null, "Sources:FusionAuth:BasicAuthUser and BasicAuthPassword go together")]
    [InlineData(null, null, "Sources:FusionAuth:RequiredHeader must read 'Name: value'")]
    public void Validate_FusionAuthHalfConfigured_Fails(string? user, string? password, string expected)
    {
        var options = new FusionAuthSourceOptions { Enabled = true, SigningSecret = "s", BasicAuthUser = user, BasicAuthPassword = password, RequiredHeader = user is null ? "no-colon" : null };

        Assert.Contains(expected, _validator.Validate(null, options).Failures!);
    }

    [Fact]
    public void Validate_OnePasswordEnabledWithToken_Succeeds()
    {
        Assert.True(_validator.Validate(null, new OnePasswordSourceOptions { Enabled = true, Token = "t" }).Succeeded);
    }

    [Fact]
    public void Validate_OnePasswordEnabledMissingEverything_NamesEachSettingWithoutValues()
    {
        var result = _validator.Validate(null, new OnePasswordSourceOptions
        {
            Enabled = true,
            BaseUrl = new Uri("/relative", UriKind.Relative),
            PollInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(-1),
        });

        Assert.Equal(
        [
            "Sources:OnePassword:Token is required when the source is enabled",
            "Sources:OnePassword:BaseUrl must be an absolute URL such as https://events.1password.com",
            "Sources:OnePassword:PollInterval must be positive",
            "Sources:OnePassword:RequestTimeout must be positive",
        ], result.Failures);
    }

    [Fact]
    public void Validate_FusionAuthJwksUrlOnly_Succeeds()
    {
        var result = _validator.Validate(null, new FusionAuthSourceOptions { Enabled = true, JwksUrl = new Uri("https://fa.example/.well-known/jwks.json") });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(".well-known/jwks.json")]
    [InlineData("ftp://fa.example/.well-known/jwks.json")]
    public void Validate_FusionAuthJwksUrlNotAbsoluteHttp_Fails(string url)
    {
        var result = _validator.Validate(null, new FusionAuthSourceOptions { Enabled = true, JwksUrl = new Uri(url, UriKind.RelativeOrAbsolute) });

        Assert.Equal(["Sources:FusionAuth:JwksUrl must be an absolute http(s) URL such as https://auth.example.org/.well-known/jwks.json"], result.Failures);
    }

    [Fact]
    public void Validate_FusionAuthSecretOnly_Succeeds()
    {
        Assert.True(_validator.Validate(null, new FusionAuthSourceOptions { Enabled = true, SigningSecret = "s" }).Succeeded);
    }
}
