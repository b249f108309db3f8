using System.Text.RegularExpressions;
using HedgeMath.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace HedgeMath.Tests.Docs;

/// <summary>
/// Runs a notebook in a real .NET Interactive C# kernel (<see cref="CSharpKernel"/>), cell by cell, as Polyglot
/// Notebooks / Jupyter would, and records what each cell displayed, formatted the way the kernel sends it to the
/// front end (the <c>text/html</c> of a plan is what HedgeMath.Interactive's formatters write).
/// </summary>
/// <remarks>
/// The notebooks pull the packages from NuGet (<c>#r "nuget: HedgeMath"</c>, <c>#r "nuget: HedgeMath.Interactive"</c>).
/// Here the freshly built assemblies stand in for the packages: each such line becomes <c>#r "&lt;path of the
/// assembly this test process loaded&gt;"</c> (the same file, so the kernel and the test see one copy of each type),
/// and after HedgeMath.Interactive is referenced the package's own kernel extension (src/HedgeMath.Interactive/extension.dib,
/// packed as interactive-extensions/dotnet/extension.dib) runs in the kernel, as the kernel does when it loads the package.
/// </remarks>
public static partial class NotebookKernel
{
    /// <summary>One value a cell displayed (or returned), with every MIME type the kernel formatted it as.</summary>
    public sealed record Output(int Cell, IReadOnlyDictionary<string, string> Formatted)
    {
        /// <summary>The HTML the front end shows, or the plain text when the value has no HTML form.</summary>
        public string Shown => Formatted.TryGetValue("text/html", out var h) ? h : Formatted.GetValueOrDefault("text/plain", "");
    }

    /// <summary>The result of a run: every output in order, and the first failure (cell number, message) or null.</summary>
    public sealed record Run(IReadOnlyList<Output> Outputs, string? Failure);

    /// <summary>The C# code cells of a notebook (ipynb JSON), parsed with Microsoft.DotNet.Interactive.Documents.</summary>
    public static IReadOnlyList<(int Cell, string Code)> CodeCells(string ipynbJson)
    {
        var document = Notebook.Parse(ipynbJson, new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp") });
        return document.Elements
            .Select((element, index) => (Element: element, Cell: index + 1))
            .Where(x => x.Element.KernelName == "csharp")
            .Select(x => (x.Cell, x.Element.Contents))
            .ToList();
    }

    /// <summary>The package's kernel extension: the C# cells of extension.dib.</summary>
    public static IReadOnlyList<string> ExtensionCode()
    {
        var dib = CodeSubmission.Parse(File.ReadAllText(RepoPaths.Of("src/HedgeMath.Interactive/extension.dib")), new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp") });
        return dib.Elements.Where(e => e.KernelName == "csharp").Select(e => e.Contents).ToList();
    }

    /// <summary>
    /// Runs the code cells in order in one new C# kernel, with <paramref name="workingDirectory"/> as the current
    /// directory (notebooks load data by paths relative to their folder). Stops at the first cell that fails.
    /// </summary>
    public static async Task<Run> RunAsync(IReadOnlyList<(int Cell, string Code)> cells, string workingDirectory)
    {
        var outputs = new List<Output>();
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            using var kernel = new CSharpKernel().UseKernelHelpers();
            foreach (var (cell, code) in cells)
            {
                var (references, rest, loadsInteractive) = SubstitutePackageReferences(code);
                var submissions = new List<string>();
                if (references.Length > 0) submissions.Add(references);
                if (loadsInteractive) submissions.AddRange(ExtensionCode());
                if (rest.Trim().Length > 0) submissions.Add(rest);
                foreach (var submission in submissions)
                {
                    var result = await kernel.SendAsync(new SubmitCode(submission));
                    foreach (var e in result.Events)
                    {
                        if (e is DisplayEvent d and (DisplayedValueProduced or ReturnValueProduced))
                            outputs.Add(new Output(cell, d.FormattedValues.ToDictionary(f => f.MimeType, f => f.Value)));
                    }
                    var errors = result.Events.OfType<ErrorProduced>().Select(x => x.Message)
                        .Concat(result.Events.OfType<CommandFailed>().Select(x => x.Message + (x.Exception is { } ex ? "\n" + ex : "")))
                        .ToList();
                    if (errors.Count > 0)
                        return new Run(outputs, $"cell {cell} failed:\n{string.Join("\n", errors)}\n---\n{submission}");
                }
            }
            return new Run(outputs, null);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    /// <summary>
    /// Splits a cell into its package references, rewritten to the built assemblies, and the rest of its code; says
    /// whether HedgeMath.Interactive is among them (its kernel extension then runs between the two).
    /// </summary>
    public static (string References, string Code, bool LoadsInteractive) SubstitutePackageReferences(string code)
    {
        var references = new List<string>();
        var rest = new List<string>();
        bool interactive = false;
        foreach (var line in code.Split('\n'))
        {
            var m = NugetReference().Match(line);
            if (!m.Success)
            {
                rest.Add(line);
                continue;
            }
            var package = m.Groups["id"].Value;
            var assembly = package switch
            {
                "HedgeMath" => typeof(HedgeMath.Hedging.HedgePlan).Assembly,
                "HedgeMath.Interactive" => typeof(HedgeMathFormatters).Assembly,
                _ => throw new InvalidOperationException($"a notebook references the package {package}, which the notebook tests cannot stand in for"),
            };
            interactive |= package == "HedgeMath.Interactive";
            references.Add($"#r \"{assembly.Location}\"");
        }
        return (string.Join('\n', references), string.Join('\n', rest), interactive);
    }

    [GeneratedRegex("^\\s*#r\\s+\"nuget:\\s*(?<id>[A-Za-z0-9_.]+)\\s*(,[^\"]*)?\"\\s*$")]
    private static partial Regex NugetReference();
}
