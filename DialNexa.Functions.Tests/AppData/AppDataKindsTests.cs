using System.Reflection;
using DialNexa.Functions.AppData;

namespace DialNexa.Functions.Tests.AppData;

/// <summary>The declaration erasure and retention walk: a kind left out of it would outlive its call.</summary>
public sealed class AppDataKindsTests
{
    [Fact]
    public void EveryDeclaredKind_IsInAll_Once_WithAUniqueName()
    {
        var declared = typeof(AppDataKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(AppDataKind))
            .Select(f => (AppDataKind)f.GetValue(null)!)
            .ToList();

        Assert.Equal(declared.Count, AppDataKinds.All.Count);
        Assert.All(declared, kind => Assert.Contains(kind, AppDataKinds.All));
        Assert.Equal(AppDataKinds.All.Count, AppDataKinds.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NoOtherTypeInTheApp_DeclaresAKind()
    {
        var elsewhere = typeof(AppDataKinds).Assembly.GetTypes()
            .Where(t => t != typeof(AppDataKinds))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(AppDataKind) && !f.Name.Contains('<', StringComparison.Ordinal))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();

        Assert.Empty(elsewhere);
    }

    [Fact]
    public void PerCallKeys_RefuseIndexKinds_AndIndexKeys_RefusePerCallKinds()
    {
        Assert.Throws<ArgumentException>(() => AppDataKey.ForCall(AppDataKinds.ReviewOpen, "call_1", "x"));
        Assert.Throws<InvalidOperationException>(() => AppDataKey.InIndex(AppDataKinds.InboxBody, "x"));
    }
}
