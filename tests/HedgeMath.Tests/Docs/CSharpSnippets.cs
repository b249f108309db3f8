using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace HedgeMath.Tests.Docs;

/// <summary>
/// Runs C# code from the docs (```csharp blocks of Markdown files, code cells of notebooks) with Roslyn
/// scripting against the freshly built library, so that no example can rot. The blocks of one file run in
/// order as one script session: a later block sees the variables of an earlier one.
/// </summary>
public static partial class CSharpSnippets
{
    /// <summary>The namespaces every snippet may use without a using directive (as in a notebook with the package loaded).</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Collections.Immutable", "System.IO",
        "System.Globalization",
        "HedgeMath.Market", "HedgeMath.Positions", "HedgeMath.Margin", "HedgeMath.Engine", "HedgeMath.Hedging", "HedgeMath.Scenarios",
        "HedgeMath.Signals", "HedgeMath.Interactive", "HedgeMath.Exchanges",
    ];

    /// <summary>Assemblies every snippet can reference: the library, its presentation package (HTML/SVG), its exchange package and the BCL.</summary>
    public static ScriptOptions Options(string workingDirectory) => ScriptOptions.Default
        .WithReferences(PlatformAssemblies.Value.Append(Assembly.Load("HedgeMath").Location).Append(Assembly.Load("HedgeMath.Interactive").Location)
            .Append(Assembly.Load("HedgeMath.Exchanges").Location))
        .WithImports(Imports)
        .WithFilePath(Path.Combine(workingDirectory, "snippet.csx"))
        .WithSourceResolver(new SourceFileResolver([], workingDirectory))
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory));

    // The BCL as a notebook or a console app sees it: every System.* assembly of the running runtime.
    private static readonly Lazy<string[]> PlatformAssemblies = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal)
                || f is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
            .ToArray());

    /// <summary>The ```csharp blocks of a Markdown text, in order.</summary>
    public static IReadOnlyList<(int Line, string Code)> MarkdownBlocks(string markdown)
    {
        var result = new List<(int, string)>();
        foreach (Match m in CSharpFence().Matches(markdown))
        {
            int line = markdown.AsSpan(0, m.Index).Count('\n') + 1;
            result.Add((line, m.Groups["code"].Value));
        }
        return result;
    }

    /// <summary>Runs the blocks in one script session; returns a failure description or null.</summary>
    public static async Task<string?> RunAsync(string name, IReadOnlyList<(int Line, string Code)> blocks, string workingDirectory, object? globals = null, Type? globalsType = null)
    {
        var options = Options(workingDirectory);
        // Docs and notebooks load data by paths relative to their own folder, as a reader would.
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            return await RunBlocksAsync(name, blocks, options, globals, globalsType);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    private static async Task<string?> RunBlocksAsync(string name, IReadOnlyList<(int Line, string Code)> blocks, ScriptOptions options, object? globals, Type? globalsType)
    {
        ScriptState<object>? state = null;
        foreach (var (line, code) in blocks)
        {
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, globalsType)
                    : await state.ContinueWithAsync(code, options);
            }
            catch (CompilationErrorException ex)
            {
                return $"{name} block at line {line} does not compile:\n{string.Join("\n", ex.Diagnostics)}\n---\n{code}";
            }
            catch (Exception ex)
            {
                return $"{name} block at line {line} threw {ex.GetType().Name}: {ex.Message}\n---\n{code}";
            }
        }
        return null;
    }

    [GeneratedRegex("^```csharp[ \\t]*\\r?\\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpFence();
}
