using AuthEvents.Core.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Normalization;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class PhoneRegionsTests
{
    [Theory]
    [InlineData("+1 (202) 555-0147", "US", "US")]
    [InlineData("+1 416 555 0199", null, "CA")]
    [InlineData("+44 7400 123456", "US", "GB")]
    [InlineData("+44 20 7946 0018", null, "GB")]
    [InlineData("+53 7 555 0147", "US", "CU")]
    [InlineData("+40 721 234 567", null, "RO")]
    [InlineData("00 44 7400 123456", "DE", "GB")]
    [InlineData("(202) 555-0147", "US", "US")]
    [InlineData("202-555-0147", "US", "US")]
    public void Of_ValidNumber_IsoRegion(string phone, string? defaultRegion, string region)
    {
        Assert.Equal(region, PhoneRegions.Of(phone, defaultRegion));
    }

    // +882 and +800 are international services; 07700 900xxx is Ofcom's drama range, valid in none of the regions
    // that share +44 (GB, GG, IM, JE).
    [Theory]
    [InlineData("+882 3420 0000 0000", "+882")]
    [InlineData("+800 1234 5678", "+800")]
    [InlineData("+44 7700 900461", "+44")]
    public void Of_NumberOfNoSingleRegion_CallingCode(string phone, string region)
    {
        Assert.Equal(region, PhoneRegions.Of(phone, "US"));
    }

    [Theory]
    [InlineData(null, "US")]
    [InlineData("", "US")]
    [InlineData("   ", "US")]
    [InlineData("call 0", "US")]
    [InlineData("not a phone", "US")]
    [InlineData("+", "US")]
    [InlineData("+44 1", "US")]
    [InlineData("+999 1234 5678", "US")]
    [InlineData("(202) 555-0147", null)]
    public void Of_UnparseableOrNationalWithoutDefault_Null(string? phone, string? defaultRegion)
    {
        Assert.Null(PhoneRegions.Of(phone, defaultRegion));
    }
}
