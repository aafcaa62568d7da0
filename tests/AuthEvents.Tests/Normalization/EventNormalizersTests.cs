using AuthEvents.Core.Entrust;
using AuthEvents.Core.Events;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Inbox;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Normalization;
using AuthEvents.Core.OnePassword;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EventNormalizersTests
{
    private readonly EventNormalizers _normalizers = new(FixtureFiles.Hasher);

    public static TheoryData<EventSource, string> AllFixtures()
    {
        var data = new TheoryData<EventSource, string>();
        foreach (var (source, name) in FixtureFiles.All())
        {
            data.Add(source, name);
        }

        return data;
    }

    [Theory]
    [InlineData(EventSource.LoginGov, typeof(LoginGovNormalizer))]
    [InlineData(EventSource.OnePassword, typeof(OnePasswordNormalizer))]
    [InlineData(EventSource.Entrust, typeof(EntrustNormalizer))]
    [InlineData(EventSource.FusionAuth, typeof(FusionAuthNormalizer))]
    public void For_EachSource_ItsNormalizer(EventSource source, Type expected)
    {
        var normalizer = _normalizers.For(source);

        Assert.IsType(expected, normalizer);
        Assert.Equal(source, normalizer.Source);
    }

    [Fact]
    public void For_UndefinedSource_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _normalizers.For((EventSource)99));
    }

    [Fact]
    public void All_Constructed_OneNormalizerPerSource()
    {
        Assert.Equal(Enum.GetValues<EventSource>(), _normalizers.All.Select(n => n.Source).Order());
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void ReadKey_AnyFixture_MatchesNormalizedKeyOrNullWhenRejected(EventSource source, string fixture)
    {
        var normalizer = _normalizers.For(source);
        var payload = FixtureFiles.Read(source, fixture);

        var key = normalizer.ReadKey(payload);
        var result = normalizer.Normalize(FixtureFiles.RawFor(source, payload));

        if (result.IsAccepted)
        {
            Assert.Equal(new InboxKey(result.Event!.Tenant, result.Event.ProviderEventId), key);
        }

        Assert.Equal(FixtureFiles.IsMalformed(fixture), !result.IsAccepted);
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Normalize_SameRecordTwice_SameEvent(EventSource source, string fixture)
    {
        var first = _normalizers.For(source).Normalize(FixtureFiles.Record(source, fixture));
        var second = new EventNormalizers(FixtureFiles.Hasher).For(source).Normalize(FixtureFiles.Record(source, fixture));

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(first),
            System.Text.Json.JsonSerializer.Serialize(second));
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Normalize_EveryPrefixOfFixture_NeverThrows(EventSource source, string fixture)
    {
        var normalizer = _normalizers.For(source);
        var payload = FixtureFiles.Read(source, fixture);

        for (var length = 0; length < payload.Length; length += 7)
        {
            var prefix = payload[..length];
            var result = normalizer.Normalize(FixtureFiles.RawFor(source, prefix));
            _ = normalizer.ReadKey(prefix);
            Assert.True(result.IsAccepted || !string.IsNullOrEmpty(result.RejectionReason));
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("not json at all")]
    [InlineData("{\"jti\":\"\\uD800\",\"uuid\":\"\\uD800\",\"id\":\"\\uD800\",\"event\":{\"id\":\"\\uD800\"}}")]
    [InlineData("{\"jti\":\"a\",\"uuid\":\"a\",\"id\":\"a\",\"type\":\"\\uDC00\",\"category\":\"\\uDC00\",\"timestamp\":\"2021-08-11T15:04:22Z\",\"eventTime\":\"2021-08-11T15:04:22Z\"}")]
    public void Normalize_HostilePayload_RejectedWithoutThrowing(string payload)
    {
        foreach (var normalizer in _normalizers.All)
        {
            var result = normalizer.Normalize(FixtureFiles.RawFor(normalizer.Source, payload));

            Assert.False(result.IsAccepted);
            Assert.False(string.IsNullOrWhiteSpace(result.RejectionReason));
        }
    }

    [Fact]
    public void Normalize_DeeplyNestedPayload_RejectedWithoutThrowing()
    {
        var payload = "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}";

        foreach (var normalizer in _normalizers.All)
        {
            Assert.StartsWith("payload is not valid JSON", normalizer.Normalize(FixtureFiles.RawFor(normalizer.Source, payload)).RejectionReason, StringComparison.Ordinal);
            Assert.Null(normalizer.ReadKey(payload));
        }
    }

    [Fact]
    public void Normalize_ReceivedAtWithOffset_StoredAsUtc()
    {
        var record = FixtureFiles.Record(EventSource.Entrust, "seed-authentication-failed") with
        {
            ReceivedAt = new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)),
        };

        var e = _normalizers.For(EventSource.Entrust).Normalize(record).Event!;

        Assert.Equal(FixtureFiles.ReceivedAt, e.ReceivedAt);
        Assert.Equal(TimeSpan.Zero, e.ReceivedAt.Offset);
    }
}
