using System.Text.Json.Nodes;

namespace HedgeMath.Tests.Docs;

/// <summary>
/// Stand-ins for the .NET Interactive kernel's helpers, so notebook cells run unchanged under Roslyn
/// scripting: <c>display(x)</c> and <c>HTML(s)</c>. Names are lower-case as in the kernel.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly List<object?> _displayed = [];

    /// <summary>What the cells displayed, in order.</summary>
    public IReadOnlyList<object?> Displayed => _displayed;

    /// <summary>Kernel stand-in: records the value (and renders it, which runs its ToString).</summary>
#pragma warning disable IDE1006 // the kernel's own lower-case name
    public object? display(object? value)
    {
        _ = value?.ToString();
        _displayed.Add(value);
        return value;
    }
#pragma warning restore IDE1006

    /// <summary>Kernel stand-in for an HTML string to display.</summary>
    public HtmlString HTML(string html) => new(html);

    /// <summary>An HTML fragment.</summary>
    public sealed record HtmlString(string Value)
    {
        public override string ToString() => Value;
    }
}

/// <summary>Every code cell of every notebook under docs/notebooks runs, in order, against the built library.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public class NotebookTests
{
    public static IEnumerable<object[]> Notebooks()
    {
        var dir = RepoPaths.Of("docs/notebooks");
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, "*.ipynb").Order(StringComparer.Ordinal))
            yield return [Path.GetFileName(f)];
    }

    /// <summary>The C# code cells of a notebook, with kernel-only lines (#r "nuget:", #! magics) removed.</summary>
    public static IReadOnlyList<(int Line, string Code)> CodeCells(string ipynbJson)
    {
        var cells = JsonNode.Parse(ipynbJson)!["cells"]!.AsArray();
        var result = new List<(int, string)>();
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            if (cell["cell_type"]!.GetValue<string>() != "code") continue;
            var src = cell["source"] is JsonArray a ? string.Concat(a.Select(x => x!.GetValue<string>())) : cell["source"]!.GetValue<string>();
            var lines = src.Split('\n').Where(l => !l.TrimStart().StartsWith("#r \"nuget:", StringComparison.Ordinal) && !l.TrimStart().StartsWith("#!", StringComparison.Ordinal));
            result.Add((i + 1, string.Join('\n', lines)));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_CodeCells_RunInOrder(string file)
    {
        var path = RepoPaths.Of("docs/notebooks/" + file);
        var cells = CodeCells(await File.ReadAllTextAsync(path));
        Assert.NotEmpty(cells);
        var globals = new NotebookGlobals();
        var failure = await CSharpSnippets.RunAsync(file + " cell", cells, Path.GetDirectoryName(path)!, globals, typeof(NotebookGlobals));
        Assert.True(failure is null, failure);
        Assert.NotEmpty(globals.Displayed);
        // To look at what a notebook shows without a kernel: HEDGEMATH_NOTEBOOK_OUTPUT=<dir> dotnet test --filter NotebookTests
        // writes <dir>/<notebook>.html with everything it displayed, in order.
        if (Environment.GetEnvironmentVariable("HEDGEMATH_NOTEBOOK_OUTPUT") is { Length: > 0 } outDir)
        {
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, Path.ChangeExtension(file, ".html")),
                "<html><meta charset=\"utf-8\"><body>\n" + string.Join("\n<hr/>\n", globals.Displayed.Select(d => d?.ToString())) + "\n</body></html>");
        }
    }

    /// <summary>The cells of a notebook source in mknb.py's text format: lines "%% md" / "%% code" start a cell.</summary>
    public static IReadOnlyList<(string Kind, string Source)> SourceCells(string text)
    {
        var cells = new List<(string, string)>();
        string? kind = null;
        var buf = new List<string>();
        void Flush()
        {
            if (kind is not null) cells.Add((kind, string.Join('\n', buf).Trim('\n')));
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("%% md", StringComparison.Ordinal)) { Flush(); kind = "markdown"; buf.Clear(); }
            else if (line.StartsWith("%% code", StringComparison.Ordinal)) { Flush(); kind = "code"; buf.Clear(); }
            else buf.Add(line);
        }
        Flush();
        return cells;
    }

    public static IEnumerable<object[]> NotebookSources()
    {
        var dir = RepoPaths.Of("docs/notebooks/src");
        foreach (var f in Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal))
            yield return [Path.GetFileNameWithoutExtension(f)];
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_LoadsThePackageFirst_AndSaysHowToUseALocalBuild(string file)
    {
        var cells = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("docs/notebooks/" + file)))!["cells"]!.AsArray()
            .Select(c => (Kind: c!["cell_type"]!.GetValue<string>(), Source: string.Concat(c["source"]!.AsArray().Select(x => x!.GetValue<string>()))))
            .ToList();
        var firstCode = cells.First(c => c.Kind == "code").Source;
        Assert.StartsWith("#r \"nuget: HedgeMath\"", firstCode, StringComparison.Ordinal);
        Assert.Contains(cells.TakeWhile(c => c.Kind != "code"), c => c.Kind == "markdown" && c.Source.Contains("HedgeMath.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryNotebook_HasItsSource() =>
        Assert.All(Notebooks(), n => Assert.True(File.Exists(RepoPaths.Of("docs/notebooks/src/" + Path.ChangeExtension((string)n[0], ".txt"))),
            $"{n[0]} has no source in docs/notebooks/src/ (write it there and generate the notebook with mknb.py)"));

    [Theory]
    [MemberData(nameof(NotebookSources))]
    public void Notebook_MatchesItsSource(string name)
    {
        var ipynb = RepoPaths.Of($"docs/notebooks/{name}.ipynb");
        Assert.True(File.Exists(ipynb), $"docs/notebooks/src/{name}.txt has no notebook: python3 docs/notebooks/mknb.py docs/notebooks/src/{name}.txt docs/notebooks/{name}.ipynb");
        var expected = SourceCells(File.ReadAllText(RepoPaths.Of($"docs/notebooks/src/{name}.txt")).Replace("\r\n", "\n"));
        var actual = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray()
            .Select(c => (c!["cell_type"]!.GetValue<string>(), string.Concat(c["source"]!.AsArray().Select(x => x!.GetValue<string>()))))
            .ToList();
        Assert.True(expected.SequenceEqual(actual), $"docs/notebooks/{name}.ipynb differs from its source: regenerate it with mknb.py");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_IsCommittedWithOutputsCleared(string file)
    {
        var cells = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("docs/notebooks/" + file)))!["cells"]!.AsArray();
        foreach (var cell in cells.Where(c => c!["cell_type"]!.GetValue<string>() == "code"))
        {
            Assert.Empty(cell!["outputs"]?.AsArray() ?? []);
            Assert.Null(cell["execution_count"]?.GetValue<int?>());
        }
    }

    [Fact]
    public async Task NotebookRunner_StripsNugetLinesAndProvidesDisplay()
    {
        const string nb = """
            {"cells":[{"cell_type":"code","source":["#r \"nuget: HedgeMath\"\n","var x = 1 + 1;\n"],"outputs":[],"execution_count":null,"metadata":{}},
                      {"cell_type":"markdown","source":["text"],"metadata":{}},
                      {"cell_type":"code","source":["display(HTML($\"<b>{x}</b>\"));"],"outputs":[],"execution_count":null,"metadata":{}}],
             "metadata":{},"nbformat":4,"nbformat_minor":5}
            """;
        var cells = CodeCells(nb);
        Assert.Equal(2, cells.Count);
        var g = new NotebookGlobals();
        Assert.Null(await CSharpSnippets.RunAsync("inline", cells, RepoPaths.Root, g, typeof(NotebookGlobals)));
        Assert.Equal("<b>2</b>", g.Displayed.Single()!.ToString());
    }
}
