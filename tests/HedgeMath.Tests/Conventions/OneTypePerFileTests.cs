using System.Text.RegularExpressions;

namespace HedgeMath.Tests.Conventions;

/// <summary>
/// One public type per file, named after it (issue 25; docs/contributing.md, "Layers"): a reader finds
/// <c>Contract</c> in <c>Contract.cs</c> and a partial type's aspects in <c>Type.Aspect.cs</c>. Nested types stay with
/// the type that declares them, and so does a type's own small enum (<c>LegStopKind</c> in <c>LegStop.cs</c>). Checked in the folders listed here; a folder joins the list once it follows the rule.
/// </summary>
public partial class OneTypePerFileTests
{
    public static TheoryData<string> Folders() => new() { "Engine", "Hedging", "Internal", "Margin", "Market", "Positions", "Scenarios", "Signals" };

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryPublicType_IsInAFileNamedAfterIt(string folder)
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("src/HedgeMath/" + folder), "*.cs"))
        {
            var owner = Path.GetFileName(file).Split('.')[0];
            // A type's own small enum (LegStopKind in LegStop.cs, HedgeWarningCode in HedgeWarning.cs) stays beside it.
            var source = File.ReadAllText(file);
            foreach (var name in PublicTopLevelTypes(source).Where(n => n != owner && !IsOwnersKind(source, n, owner)))
                problems.Add($"{folder}/{Path.GetFileName(file)} declares public type {name}: move it to {name}.cs");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Scanner_FindsTopLevelPublicTypesOnly()
    {
        const string source = """
            namespace N;

            /// <summary>x</summary>
            public sealed record A(int X)
            {
                public enum Nested { One }
            }
            public readonly record struct B(double Y);
            public static partial class C { }
            internal sealed class D { }
            public enum E { One }
            """;
        Assert.Equal(["A", "B", "C", "E"], PublicTopLevelTypes(source));
    }

    private static bool IsOwnersKind(string source, string name, string owner) =>
        name.StartsWith(owner, StringComparison.Ordinal) && (name.EndsWith("Kind", StringComparison.Ordinal) || name.EndsWith("Code", StringComparison.Ordinal))
        && Regex.IsMatch(source, @"^public\s+enum\s+" + name + @"\b", RegexOptions.Multiline);

    /// <summary>The public types declared at the top level of a file with a file-scoped namespace (column 0).</summary>
    private static List<string> PublicTopLevelTypes(string source) =>
        TopLevelPublic().Matches(source).Select(m => m.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^public\s+(?:(?:static|sealed|abstract|readonly|partial|ref|unsafe)\s+)*(?:record\s+struct|record\s+class|class|struct|record|enum|interface|delegate\s+\S+)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublic();
}
