using System.Text.RegularExpressions;

namespace HedgeMath.Tests.Conventions;

/// <summary>
/// No method over 80 lines outside the documented numeric kernels, and no source file over 600 lines (issue 25's
/// measured targets; docs/contributing.md). A method is counted from its signature's line to its closing brace. The
/// kernels excepted are written as one loop on purpose (their remarks say why): splitting them would put calls or
/// spills on the per-element path.
/// </summary>
public partial class MethodLengthTests
{
    private const int MaxMethodLines = 80;
    private const int MaxFileLines = 600;

    /// <summary>The documented numeric kernels: file and method name.</summary>
    private static readonly HashSet<(string File, string Method)> Kernels =
    [
        ("SignalEngine.cs", "SqueezeMasks"),   // the squeeze filter's sliding maxima over the width buffer, one pass
        ("MonteCarloLanes.cs", "RunGroup"),    // the lane kernel's setup and block loop over one group of paths
    ];

    public static TheoryData<string> Projects() => new() { "HedgeMath", "HedgeMath.Cli", "HedgeMath.Exchanges", "HedgeMath.Interactive" };

    [Theory]
    [MemberData(nameof(Projects))]
    public void NoMethod_IsOver80Lines_AndNoFile_Over600(string project)
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("src/" + project), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            var name = Path.GetFileName(file);
            if (lines.Length > MaxFileLines) problems.Add($"{project}/{name} has {lines.Length} lines (at most {MaxFileLines})");
            foreach (var (method, start, length) in Methods(lines))
                if (length > MaxMethodLines && !Kernels.Contains((name, method)))
                    problems.Add($"{project}/{name}:{start} {method} has {length} lines (at most {MaxMethodLines})");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Scanner_CountsFromSignatureToClosingBrace_IgnoringBracesInStringsAndComments()
    {
        string[] source =
        [
            "class C",
            "{",
            "    public static int Long(int x)",
            "    {",
            "        var s = \"{ not a brace\"; // } nor this",
            "        char c = '{';",
            "        if (x > 0) { x++; }",
            "        return x;",
            "    }",
            "    private int Short() => 1;",
            "    internal void Two()",
            "    {",
            "    }",
            "}",
        ];
        var found = Methods(source).ToList();
        Assert.Equal([("Long", 3, 7), ("Two", 11, 3)], found);
    }

    [GeneratedRegex(@"^\s+(?:(?:public|private|internal|protected|static|override|virtual|sealed|async|unsafe|extern|new|partial|readonly)\s+)+[\w<>\[\],.?() ]+?\s+(\w+)(?:<[^>]*>)?\s*\(")]
    private static partial Regex Signature();

    [GeneratedRegex(@"""(?:\\.|[^""\\])*""|'(?:\\.|[^'\\])'")]
    private static partial Regex Literal();

    /// <summary>Each method with a block body: its name, first line (1-based) and length in lines.</summary>
    private static IEnumerable<(string Method, int Start, int Length)> Methods(string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Signature().Match(lines[i]);
            if (!m.Success || lines[i].TrimEnd().EndsWith(';') || Regex.IsMatch(lines[i], @"\b(class|struct|record|interface|enum)\b")) continue;
            int depth = 0, k = i;
            bool started = false, expression = false;
            for (; k < lines.Length; k++)
            {
                var code = Literal().Replace(lines[k], "");
                int comment = code.IndexOf("//", StringComparison.Ordinal);
                if (comment >= 0) code = code[..comment];
                if (!started && code.Contains("=>", StringComparison.Ordinal) && !code[..code.IndexOf("=>", StringComparison.Ordinal)].Contains('{')) { expression = true; break; }
                foreach (var ch in code)
                {
                    if (ch == '{') { depth++; started = true; }
                    else if (ch == '}') depth--;
                }
                if (started && depth == 0) break;
                if (!started && code.TrimEnd().EndsWith(';')) break;
            }
            if (!started || expression) continue;
            yield return (m.Groups[1].Value, i + 1, k - i + 1);
            i = k;
        }
    }
}
