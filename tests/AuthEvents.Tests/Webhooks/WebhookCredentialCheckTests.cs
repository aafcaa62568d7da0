using System.Text;
using AuthEvents.Core.Webhooks;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Webhooks;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class WebhookCredentialCheckTests
{
    private const string User = "fusionauth";
    private const string Password = "pa:ss-w\u00f6rd-0123";

    private readonly BasicAuthenticationCheck _basic = new(User, Password);
    private readonly RequiredHeaderCheck _header = new("X-Webhook-Key", "key-0123456789abcdef");

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    private static KeyValuePair<string, string>[] Headers(string name, string value) => [KeyValuePair.Create(name, value)];

    [Fact]
    public void BasicVerify_RightCredentials_Valid()
    {
        Assert.True(_basic.Verify(Basic(User + ":" + Password)).IsValid);
    }

    [Fact]
    public void BasicVerify_SchemeInOtherCaseViaHeaders_Valid()
    {
        var value = "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
        Assert.True(_basic.Verify(Headers("authorization", value)).IsValid);
    }

    [Theory]
    [InlineData(User + ":wrong")]
    [InlineData("someone:" + Password)]
    [InlineData(User + ":" + Password + "x")]
    [InlineData(User + ":")]
    [InlineData(":" + Password)]
    [InlineData(User + "x:" + Password)]
    public void BasicVerify_WrongCredentials_Mismatch(string credentials)
    {
        Assert.Equal(WebhookRejectionReasons.BasicCredentialsMismatch, _basic.Verify(Basic(credentials)).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Bearer abc")]
    [InlineData("key-0123456789abcdef")]
    public void BasicVerify_MissingOrOtherScheme_Missing(string? header)
    {
        Assert.Equal(WebhookRejectionReasons.BasicCredentialsMissing, _basic.Verify(header).Reason);
    }

    [Fact]
    public void BasicVerify_NoAuthorizationHeader_Missing()
    {
        Assert.Equal(WebhookRejectionReasons.BasicCredentialsMissing, _basic.Verify(Headers("X-Other", "x")).Reason);
    }

    [Theory]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic abc")]
    [InlineData("Basic Zm9vYmFy")] // "foobar": no colon
    public void BasicVerify_MalformedCredentials_Malformed(string header)
    {
        Assert.Equal(WebhookRejectionReasons.BasicCredentialsMalformed, _basic.Verify(header).Reason);
    }

    [Fact]
    public void BasicVerify_Rejection_ReasonHoldsNoCredentials()
    {
        var reason = _basic.Verify(Basic(User + ":wrong")).Reason;
        Assert.DoesNotContain(User, reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BasicConstructor_UserNameWithColon_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BasicAuthenticationCheck("a:b", "c"));
    }

    [Fact]
    public void HeaderVerify_RightValue_Valid()
    {
        Assert.True(_header.Verify(Headers("X-Webhook-Key", "key-0123456789abcdef")).IsValid);
    }

    [Fact]
    public void HeaderVerify_NameInOtherCase_Valid()
    {
        Assert.True(_header.Verify(Headers("x-webhook-key", " key-0123456789abcdef ")).IsValid);
    }

    [Theory]
    [InlineData("key-0123456789abcdeX")]
    [InlineData("key-0123456789abcde")]
    [InlineData("key-0123456789abcdef0")]
    [InlineData("KEY-0123456789ABCDEF")]
    public void HeaderVerify_WrongValue_Mismatch(string value)
    {
        Assert.Equal(WebhookRejectionReasons.RequiredHeaderMismatch, _header.Verify(Headers("X-Webhook-Key", value)).Reason);
    }

    [Fact]
    public void HeaderVerify_Repeated_Mismatch()
    {
        KeyValuePair<string, string>[] headers =
        [
            KeyValuePair.Create("X-Webhook-Key", "key-0123456789abcdef"),
            KeyValuePair.Create("X-Webhook-Key", "key-0123456789abcdef"),
        ];
        Assert.Equal(WebhookRejectionReasons.RequiredHeaderMismatch, _header.Verify(headers).Reason);
    }

    [Theory]
    [InlineData("X-Other", "key-0123456789abcdef")]
    [InlineData("X-Webhook-Key", "")]
    [InlineData("X-Webhook-Key", "   ")]
    public void HeaderVerify_Missing_Missing(string name, string value)
    {
        Assert.Equal(WebhookRejectionReasons.RequiredHeaderMissing, _header.Verify(Headers(name, value)).Reason);
    }
}
