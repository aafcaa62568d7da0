using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Pages.Failures;

namespace AuthEvents.Tests.Failures;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SparklineGeometryTests
{
    [Fact]
    public void Points_Values_ScaledToTheLargestAcrossTheWidth()
    {
        Assert.Equal("0,21 50,11 100,1", SparklineGeometry.Points([0, 5, 10], 100, 22));
    }

    [Fact]
    public void Points_AllZeroOrSingle_StayInsideTheBox()
    {
        Assert.Equal("0,21 50,21 100,21", SparklineGeometry.Points([0, 0, 0], 100, 22));
        Assert.Equal("50,1", SparklineGeometry.Points([3], 100, 22));
        Assert.Equal("", SparklineGeometry.Points([], 100, 22));
    }

    [Fact]
    public void Area_Values_ClosesTheLineAlongTheBottom()
    {
        Assert.Equal("0,22 0,21 50,11 100,1 100,22", SparklineGeometry.Area([0, 5, 10], 100, 22));
    }

    [Fact]
    public void Describe_Values_NamesPeakAndLast()
    {
        Assert.Equal("Trend per hour over 3 buckets: peak 1,200, last 4", SparklineGeometry.Describe([1200, 0, 4], "per hour"));
    }
}
