using FsCheck;
using FsCheck.Xunit;
using Microsoft.FSharp.Core;

namespace HedgeMath.Tests.Properties;

/// <summary>
/// An FsCheck property test (<see cref="PropertyAttribute"/>) with this suite's run sizes: <see cref="QuickTests"/> cases in
/// the ordinary run, at least <see cref="DeepTests"/> when the environment variable <c>HEDGEMATH_DEEP=1</c> is set
/// (<c>HEDGEMATH_DEEP=1 dotnet test --filter "FullyQualifiedName~Property"</c>). Rejected cases (preconditions) are allowed up to
/// ten times the case count, and FsCheck's report (passed, discarded, classifications) is written to the test output.
/// A mutation run (<c>eng/mutation.sh</c> sets <c>HEDGEMATH_MUTATION=1</c>) uses a tenth of the quick count, at least
/// <see cref="MutationMinimum"/>: each mutant reruns every test that covers it, and the hand-calculated tests do the killing.
/// <para>Seeds (<see cref="Seed"/>): the ordinary run replays one fixed seed, so CI is a reproducible gate (a random draw once
/// failed CI on a case no earlier run had met); the deep run draws fresh seeds, and <c>HEDGEMATH_SEED=random</c> or
/// <c>HEDGEMATH_SEED=(seed,gamma)</c> (FsCheck's replay pair from a failure report) overrides either.</para>
/// </summary>
public sealed class HedgePropertyAttribute : PropertyAttribute
{
    /// <summary>Cases per property in the deep run.</summary>
    public const int DeepTests = 10_000;

    /// <summary>Fewest cases per property in a mutation run.</summary>
    public const int MutationMinimum = 50;

    /// <summary>True when <c>HEDGEMATH_DEEP</c> is <c>1</c> or <c>true</c>.</summary>
    public static bool IsDeepRun =>
        Environment.GetEnvironmentVariable("HEDGEMATH_DEEP") is "1" or "true" or "TRUE" or "True";

    /// <summary>True when <c>HEDGEMATH_MUTATION</c> is <c>1</c> or <c>true</c> (and the run is not deep).</summary>
    public static bool IsMutationRun =>
        Environment.GetEnvironmentVariable("HEDGEMATH_MUTATION") is "1" or "true" or "TRUE" or "True";

    /// <summary>The ordinary run's replay pair (FsCheck's <c>(seed,gamma)</c>; the gamma of SplitMix64, odd as it must be).</summary>
    public const string FixedSeed = "(20261207,11400714819323198485)";

    /// <summary>
    /// The replay pair in force: <c>HEDGEMATH_SEED</c> when it is a pair, none (fresh random seeds) when it is
    /// <c>random</c> or the run is deep, else <see cref="FixedSeed"/>.
    /// </summary>
    public static string? Seed =>
        Environment.GetEnvironmentVariable("HEDGEMATH_SEED") is { Length: > 0 } s
            ? (s.Equals("random", StringComparison.OrdinalIgnoreCase) ? null : s)
            : IsDeepRun ? null : FixedSeed;

    /// <summary>An FsCheck configuration for a property checked inside a fact: <paramref name="quickTests"/> cases (see
    /// <see cref="CasesFor"/>), throwing on failure, with this run's <see cref="Seed"/>.</summary>
    public static Config CheckConfig(int quickTests)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(CasesFor(quickTests));
        if (Seed is not { } seed) return config;
        var parts = seed.Trim('(', ')', ' ').Split(',');
        var replay = new Replay(new Rnd(ulong.Parse(parts[0].Trim()), ulong.Parse(parts[1].Trim())), FSharpOption<int>.None);
        return config.WithReplay(FSharpOption<Replay>.Some(replay));
    }

    private int _quickTests = 100;

    public HedgePropertyAttribute()
    {
        QuietOnSuccess = false;
        Apply();
    }

    /// <summary>Cases in the ordinary (CI) run; the deep run uses at least <see cref="DeepTests"/>.</summary>
    public int QuickTests
    {
        get => _quickTests;
        set { _quickTests = value; Apply(); }
    }

    /// <summary>The case count in force for this run.</summary>
    public static int CasesFor(int quickTests) =>
        IsDeepRun ? Math.Max(DeepTests, quickTests) : IsMutationRun ? Math.Max(MutationMinimum, quickTests / 10) : quickTests;

    private void Apply()
    {
        MaxTest = CasesFor(_quickTests);
        MaxRejected = MaxTest * 10;
        if (Seed is { } seed) Replay = seed;
    }
}
