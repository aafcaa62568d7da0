using System.Reflection;

namespace AuthEvents.Tests.Support;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class TestKindTests
{
    [Fact]
    public void EveryTestClass_TaggedWithExactlyOneKind()
    {
        var untagged = typeof(TestKindTests).Assembly.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttributes<FactAttribute>().Any()))
            .Where(type => type.CustomAttributes
                .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == TestKind.Name)
                .Select(a => (string?)a.ConstructorArguments[1].Value)
                .ToList() is not [TestKind.Unit or TestKind.Integration])
            .Select(type => type.Name)
            .ToList();

        Assert.True(untagged.Count == 0, "Tag these with [Trait(TestKind.Name, TestKind.Unit or Integration)]: " + string.Join(", ", untagged));
    }
}
