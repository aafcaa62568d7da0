using AuthEvents.Core.Privacy;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Privacy;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LinkingHasherTests
{
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void HashEmail_CaseAndSpaceDiffer_SameHash()
    {
        var hasher = new LinkingHasher(KeyA);
        Assert.Equal(hasher.HashEmail("Jane.Doe@Example.com "), hasher.HashEmail("jane.doe@example.com"));
    }

    [Fact]
    public void Hash_DifferentKeys_DifferentHashes()
    {
        Assert.NotEqual(new LinkingHasher(KeyA).HashEmail("a@b.c"), new LinkingHasher(KeyB).HashEmail("a@b.c"));
    }

    [Fact]
    public void Hash_SameValueDifferentKind_DoNotCollide()
    {
        var hasher = new LinkingHasher(KeyA);
        Assert.NotEqual(hasher.Hash("email", "5550100"), hasher.Hash("phone", "5550100"));
    }

    [Fact]
    public void HashPhone_FormattingDiffers_SameHash()
    {
        var hasher = new LinkingHasher(KeyA);
        Assert.Equal(hasher.HashPhone("+1 (555) 010-0199"), hasher.HashPhone("+15550100199"));
        Assert.StartsWith("phone:", hasher.HashPhone("+15550100199"), StringComparison.Ordinal);
        Assert.DoesNotContain("5550100199", hasher.HashPhone("+15550100199"), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LinkingHasher(new byte[16]));
    }

    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("no-at-sign", "***")]
    public void MaskEmail_Values_Masked(string input, string expected)
    {
        Assert.Equal(expected, Masking.MaskEmail(input));
    }

    [Fact]
    public void MaskPhone_KeepsLastTwoDigits()
    {
        Assert.Equal("***99", Masking.MaskPhone("+1 555 010 0199"));
    }
}
