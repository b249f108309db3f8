namespace HedgeMath.Tests.Docs;

/// <summary>Tests that change the process's current directory run alone.</summary>
[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

/// <summary>The README quick start and every ```csharp block of docs/*.md compile and run.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public class DocSnippetTests
{
    public static IEnumerable<object[]> MarkdownFiles()
    {
        yield return ["README.md"];
        foreach (var f in Directory.EnumerateFiles(RepoPaths.Of("docs"), "*.md").Order(StringComparer.Ordinal))
            yield return [Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/')];
    }

    [Fact]
    public void Readme_HasQuickStartSnippet() =>
        Assert.NotEmpty(CSharpSnippets.MarkdownBlocks(File.ReadAllText(RepoPaths.Of("README.md"))));

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public async Task MarkdownFile_CSharpBlocks_CompileAndRun(string relativePath)
    {
        var path = RepoPaths.Of(relativePath);
        var blocks = CSharpSnippets.MarkdownBlocks(await File.ReadAllTextAsync(path));
        var failure = await CSharpSnippets.RunAsync(relativePath, blocks, Path.GetDirectoryName(path)!);
        Assert.True(failure is null, failure);
    }

    [Fact]
    public async Task Runner_ReportsBrokenSnippets()
    {
        // The runner itself must be able to fail.
        var bad = CSharpSnippets.MarkdownBlocks("```csharp\nvar x = NoSuchType.Value;\n```\n");
        Assert.NotNull(await CSharpSnippets.RunAsync("bad.md", bad, RepoPaths.Root));
        var throwing = CSharpSnippets.MarkdownBlocks("```csharp\nthrow new InvalidOperationException(\"boom\");\n```\n");
        Assert.Contains("boom", await CSharpSnippets.RunAsync("throw.md", throwing, RepoPaths.Root));
    }
}
