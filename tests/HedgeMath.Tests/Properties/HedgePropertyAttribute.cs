using FsCheck.Xunit;

namespace HedgeMath.Tests.Properties;

/// <summary>
/// An FsCheck property test (<see cref="PropertyAttribute"/>) with this suite's run sizes: <see cref="QuickTests"/> cases in
/// the ordinary run, at least <see cref="DeepTests"/> when the environment variable <c>HEDGEMATH_DEEP=1</c> is set
/// (<c>HEDGEMATH_DEEP=1 dotnet test --filter "FullyQualifiedName~Property"</c>). Rejected cases (preconditions) are allowed up to
/// ten times the case count, and FsCheck's report (passed, discarded, classifications) is written to the test output.
/// A mutation run (<c>eng/mutation.sh</c> sets <c>HEDGEMATH_MUTATION=1</c>) uses a tenth of the quick count, at least
/// <see cref="MutationMinimum"/>: each mutant reruns every test that covers it, and the hand-calculated tests do the killing.
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
    }
}
