using AuthEvents.Store.Entities;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Search;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SearchTermsTests
{
    [Fact]
    public void Parse_WordsLowerCasedDistinctPunctuationOnlyDroppedShortSetAside()
    {
        var terms = SearchTerms.Parse("  Login.PASSWORD  login.password -- e 7 *** 203.0 \"quoted\" it's ");

        Assert.Equal(["login.password", "203.0", "quoted", "it"], terms.Words);
        Assert.Equal(["e", "7", "s"], terms.TooShort);
        Assert.True(terms.Any);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("* ! () \"\"")]
    [InlineData("e")]
    public void Parse_NothingToSearch_NoWords(string? text) => Assert.False(SearchTerms.Parse(text).Any);

    [Fact]
    public void Parse_AtMostEightWords()
    {
        var terms = SearchTerms.Parse("aa bb cc dd ee ff gg hh ii jj");

        Assert.Equal(SearchTerms.MaxTerms, terms.Words.Count);
        Assert.Equal("hh", terms.Words[^1]);
    }

    [Fact]
    public void ToFts5Query_EachWordAQuotedPrefixTermAnded()
    {
        Assert.Equal("\"mfa\"* AND \"203.0.113\"* AND \"near(a\"* AND \"or\"* AND \"x:y\"*", SearchTerms.Parse("MFA 203.0.113 NEAR(a OR x:y").ToFts5Query());
    }

    [Fact]
    public void ToTsQuery_EachWordAQuotedPrefixLexemeAnded_BackslashDoubled()
    {
        Assert.Equal("'mfa':* & 'a\\\\b':* & '!x&y|z':*", SearchTerms.Parse("mfa a\\b !x&y|z").ToTsQuery());
    }

    [Fact]
    public void Tokens_WholeValueItsPartsAndEverySuffixAfterPunctuation()
    {
        var tokens = new List<string>();

        SearchTokens.Add(tokens, "J***@Example.com 203.0.113.7");

        Assert.Equal(
            ["j***@example.com", "j", "example.com", "example", "com", "203.0.113.7", "203", "0.113.7", "0", "113.7", "113", "7"],
            tokens.Distinct());
    }

    [Fact]
    public void Tokens_LongPieceCutWithoutSplittingASurrogatePair()
    {
        var value = new string('a', SearchTokens.MaxTokenLength - 1) + "😀😀";

        var piece = Assert.Single(SearchTokens.Pieces(value));

        Assert.Equal(SearchTokens.MaxTokenLength - 1, piece.Length);
    }

    [Fact]
    public void Document_DocumentedFieldsOnly_NeverKeyedHashesOrClearValues()
    {
        var record = new EventRecord
        {
            EventType = "login.password", Milestone = "login-password", EmailMasked = "j***@example.com", Ip = "203.0.113.7",
            Country = "US", City = "Berlin", UserAgent = "Mozilla/5.0 Firefox/140", Authenticator = "totp", ProviderEventId = "jti-1",
            ReasonCodes = "mfa-invalid",
            FailureReasons = [new FailureReasonRecord { Field = "code", Code = "otp_wrong", Canonical = "mfa-invalid" }],
            SubjectKey = "subjecthash", PersonKey = "email:personhash", SessionKey = "sessionhash", DeviceKey = "devicehash",
            PhoneHash = "phonehash", AttributesJson = """{"phone_masked":"***99","secretattr":"x"}""",
        };

        var tokens = SearchDocument.TokensOf(record);
        var document = SearchDocument.Of(record);

        Assert.Equal(string.Join(' ', tokens), document);
        Assert.Subset(tokens.ToHashSet(), new HashSet<string>
        {
            "login.password", "password", "login-password", "j***@example.com", "example.com", "203.0.113.7", "113.7", "us", "berlin",
            "mozilla/5.0", "5.0", "firefox/140", "totp", "jti-1", "mfa-invalid", "invalid", "code", "otp_wrong", "wrong",
        });
        foreach (var secret in (string[])["subjecthash", "personhash", "sessionhash", "devicehash", "phonehash", "99", "secretattr"])
        {
            Assert.DoesNotContain(secret, document, StringComparison.Ordinal);
        }
    }
}
