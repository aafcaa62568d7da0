using AuthEvents.Demo.Hosting;
using AuthEvents.Store;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class GeneratedSecretsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "authevents-tests", "secrets-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void GetOrAdd_AgainAfterARestart_TheSameSecretNotANewOne()
    {
        var first = new GeneratedSecrets(_directory).GetOrAdd("Demo:Token", () => "first");

        var again = new GeneratedSecrets(_directory).GetOrAdd("Demo:Token", () => "second");

        Assert.Equal("first", again);
        Assert.Equal(first, again);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void GetOrAdd_NewSecret_FileReadableByItsOwnerOnly()
    {
        var secrets = new GeneratedSecrets(_directory);

        secrets.GetOrAdd("LinkingKey", () => "a-secret");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets.FilePath));
        Assert.False(File.Exists(secrets.FilePath + ".tmp"));
    }

    [Fact]
    public void DemoCredentials_SecondStartOverTheSameFolder_SameKeysAndTokens()
    {
        using var first = new DemoCredentials(new GeneratedSecrets(_directory));
        using var second = new DemoCredentials(new GeneratedSecrets(_directory));

        Assert.Equal(first.LoginGovEncryptionKey.ExportRSAPublicKey(), second.LoginGovEncryptionKey.ExportRSAPublicKey());
        Assert.Equal(first.LoginGovSigningKey.ExportSubjectPublicKeyInfo(), second.LoginGovSigningKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(
            [first.LoginGovToken, first.OnePasswordToken, first.EntrustWebhookToken, first.FusionAuthSigningSecret],
            [second.LoginGovToken, second.OnePasswordToken, second.EntrustWebhookToken, second.FusionAuthSigningSecret]);
        Assert.Equal(4, new[] { first.LoginGovToken, first.OnePasswordToken, first.EntrustWebhookToken, first.FusionAuthSigningSecret }.Distinct().Count());
    }

    [Fact]
    public void DemoCredentials_AnotherInstallation_OtherKeys()
    {
        using var first = new DemoCredentials(new GeneratedSecrets(_directory));
        using var other = new DemoCredentials(TestSecrets.Fresh());

        Assert.NotEqual(first.LoginGovEncryptionKey.ExportRSAPublicKey(), other.LoginGovEncryptionKey.ExportRSAPublicKey());
        Assert.NotEqual(first.LoginGovToken, other.LoginGovToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
