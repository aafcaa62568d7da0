using System.Text.Encodings.Web;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class NormalizedPrivacyTests
{
    // Every sensitive value planted in the fixtures, in each form it could leak in.
    private static readonly string[] SensitiveValues =
    [
        // Login.gov identity proofing
        "900-12-3456", "900123456", "1984-02-29", "Y7359824X", "2019-05-17", "2031-05-17",
        "Zebediah", "Quackenbush", "1600 Synthetic", "Apt 42B", "Quuxville", "59999",
        "front-file-7f3a9c2e", "back-file-8e4b0d3f", "selfie-file-9d5c1e4a",
        "RnJvbnRLZXlTeW50aGV0aWNPbmx5MDEyMzQ1Njc4OUFC", "QmFja0tleVN5bnRoZXRpY09ubHkwMTIzNDU2Nzg5QUJD", "U2VsZmllS2V5U3ludGhldGljT25seTAxMjM0NTY3ODk=",
        "202) 555-0147", "2025550147", "5550147", "7400 123456", "7400123456", "call 0",
        "Zeb.Quack@Example.org", "zeb.quack@example.org", "jane.doe@example.com",
        "GA1.1.99999.88888", "GS2.1.s777",
        "0123456789abcdef0123", "fedcba9876543210fedc", "aaaaaaaaaaaaaaaaaaaa",
        // 1Password
        "email@1password.com", "jack@example.com", "Jack O'Neill", "V.Ferreyra@Example.com", "Valentina", "Ferreyra",
        "contractor@partner.example", "Ext Contractor",
        // Entrust
        "john.smith", "admin.alice", "Pat.Lee@Example.com", "pat.lee", "Marguerite", "Okonkwo", "mokonkwo",
        "Sam.Rivera@Example.org", "sam.rivera", "iPhone 15 passkey", "Pixel 9 passkey", "Grid 12345",
        // FusionAuth
        "example@fusionauth.io", "1981-06-04", "Erlich", "Bachman", "PiedPiper", "Aviato", "iconclast",
        "Renee.Dubois", "Renée", "Dubois-Test", "1979-11-23", "Bertram", "Gilfoyle", "Quentin", "bgilfoyle", "EMP-55501",
        "gilfoyle.png", "gilfoyle-2fa@example.org", "2fa-backup@example.net", "4155550199", "555 0199", "555 0188", "555 0177", "555 0123",
        "uSLWgnvbY6q4sNcnm2eKGNZxdB1hjmcy", "eyJhbGciOiJIUzI1NiJ9",
    ];

    private static readonly string[] ForbiddenAttributeKeys =
    [
        "ssn", "social_security", "date_of_birth", "birthDate", "document_number", "document_issued", "document_expiration",
        "first_name", "last_name", "firstName", "lastName", "fullName", "address1", "address2", "zip", "city", "state",
        "phone_number", "phone", "mobilePhone", "email", "google_analytics_cookies", "device_id", "device_fingerprint",
        "subjectName", "entityName", "name", "data", "twoFactor", "registrations", "refreshToken", "token",
    ];

    private static readonly JsonSerializerOptions Literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<EventSource, string> AcceptedFixtures()
    {
        var data = new TheoryData<EventSource, string>();
        foreach (var (source, name) in FixtureFiles.All().Where(f => !FixtureFiles.IsMalformed(f.Name)))
        {
            data.Add(source, name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptedFixtures))]
    public void Normalize_FixtureWithPersonalData_SerializedEventHoldsNoneOfIt(EventSource source, string fixture)
    {
        var result = new EventNormalizers(FixtureFiles.Hasher).For(source).Normalize(FixtureFiles.Record(source, fixture));
        Assert.True(result.IsAccepted, result.RejectionReason);

        var json = JsonSerializer.Serialize(result.Event, Literal);

        foreach (var value in SensitiveValues)
        {
            Assert.DoesNotContain(value, json, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var key in result.Event!.Attributes.Keys)
        {
            var leaf = key[(key.LastIndexOf('.') + 1)..];
            Assert.DoesNotContain(leaf, ForbiddenAttributeKeys);
        }
    }

    [Fact]
    public void Normalize_IdentityProofingFixtures_AtLeastOneSensitiveValuePresentInInput()
    {
        // Guards the test above against passing vacuously because the fixtures lost their planted values.
        var inputs = string.Concat(FixtureFiles.Names(EventSource.LoginGov).Select(n => FixtureFiles.Read(EventSource.LoginGov, n)))
            + string.Concat(FixtureFiles.Names(EventSource.FusionAuth).Select(n => FixtureFiles.Read(EventSource.FusionAuth, n)));

        foreach (var value in (string[])["900-12-3456", "1984-02-29", "Y7359824X", "RnJvbnRLZXlTeW50aGV0aWNPbmx5MDEyMzQ1Njc4OUFC", "Quackenbush", "1981-06-04", "Bachman", "+1 415 555 0199", "(202) 555-0147"])
        {
            Assert.Contains(value, inputs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AcceptedFixtures))]
    public void Normalize_RejectionOfTamperedFixture_ReasonHoldsNoPayloadValue(EventSource source, string fixture)
    {
        // Turning every string into a number makes required fields the wrong type; the reason must still name only fields.
        var payload = FixtureFiles.Read(source, fixture);
        var tampered = System.Text.RegularExpressions.Regex.Replace(payload, "\"(jti|uuid|id|occurred_at|timestamp|eventTime|createInstant)\"\\s*:\\s*(\"[^\"]*\"|[0-9.]+)", "\"$1\": {\"v\": \"900-12-3456\"}");

        var result = new EventNormalizers(FixtureFiles.Hasher).For(source).Normalize(FixtureFiles.RawFor(source, tampered));

        Assert.False(result.IsAccepted);
        Assert.DoesNotContain("900-12-3456", result.RejectionReason, StringComparison.Ordinal);
        Assert.Matches("^(missing required field|field) '[a-zA-Z_.]+'", result.RejectionReason!);
    }
}
