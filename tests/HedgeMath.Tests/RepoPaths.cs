namespace HedgeMath.Tests;

/// <summary>Locates files of the repository (README, docs, notebooks) from the test output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HedgeMath.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding HedgeMath.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
}
