using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace HedgeMath.Tests.Conventions;

/// <summary>Enforces the design rule that every public type of the HedgeMath assembly is immutable.</summary>
public class ImmutabilityTests
{
    private static readonly Assembly Library = Assembly.Load("HedgeMath");

    public static IEnumerable<object[]> PublicTypes() =>
        Library.GetExportedTypes().Where(t => !t.IsEnum && !t.IsInterface && !typeof(Delegate).IsAssignableFrom(t))
            .Select(t => new object[] { t.FullName! });

    [Fact]
    public void Library_HasPublicTypes() => Assert.NotEmpty(PublicTypes());

    [Fact]
    public void EveryPublicType_IsImmutable()
    {
        var problems = Library.GetExportedTypes().SelectMany(MutabilityProblems).ToList();
        Assert.True(problems.Count == 0, "Mutable public surface:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Checker_FlagsMutableTypes()
    {
        // The checker itself must be able to fail: each of these sample types breaks one rule.
        Assert.NotEmpty(MutabilityProblems(typeof(WithSetter)));
        Assert.NotEmpty(MutabilityProblems(typeof(WithField)));
        Assert.NotEmpty(MutabilityProblems(typeof(WithList)));
        Assert.NotEmpty(MutabilityProblems(typeof(WithArray)));
        Assert.Empty(MutabilityProblems(typeof(Fine)));
    }

    /// <summary>Results the library builds (docs/conventions.md, "Results"): no public constructor, no init setters.</summary>
    public static readonly Type[] BuiltOnlyByTheLibrary =
    [
        typeof(HedgeMath.Margin.TradePnl), typeof(HedgeMath.Margin.FundingTotal), typeof(HedgeMath.Margin.FundingProjection),
        typeof(HedgeMath.Positions.LotSale),
        typeof(HedgeMath.Hedging.OutOfSampleHedgeTest),
        typeof(HedgeMath.Hedging.HedgeOutcome), typeof(HedgeMath.Hedging.DeRiskExit),
        typeof(HedgeMath.Hedging.BucketAllocation),
        typeof(HedgeMath.Hedging.BucketHedgePosition),
        typeof(HedgeMath.Hedging.ScaleOutRung),
        typeof(HedgeMath.Hedging.ScaleInRung), typeof(HedgeMath.Hedging.HedgeWarning),
        typeof(HedgeMath.Margin.StopLeverage), typeof(HedgeMath.Margin.MaxOpen),
        typeof(HedgeMath.Engine.TradeFill),
        typeof(HedgeMath.Hedging.PlanEvent), typeof(HedgeMath.Hedging.PlanStepResult),
    ];

    [Fact]
    public void Results_HaveNoPublicConstructor_AndNoInitSetters()
    {
        var problems = BuiltOnlyByTheLibrary.SelectMany(ResultProblems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The check can fail: a positional record has both.
        var fine = ResultProblems(typeof(Fine)).ToList();
        Assert.Contains("Fine: public constructor", fine);
        Assert.Contains("Fine: public setter X", fine);
    }

    /// <summary>Public records a caller builds as input; they keep a public constructor or <c>init</c> setters (and validate).</summary>
    public static readonly Type[] Inputs =
    [
        typeof(HedgeMath.Hedging.MinimumVarianceHedge), typeof(HedgeMath.Hedging.HedgePlanOptions), typeof(HedgeMath.Signals.SignalOptions),
        typeof(HedgeMath.Scenarios.PlanLiveOptions),
    ];

    [Fact]
    public void EveryPublicRecord_IsAnInputOrBuiltOnlyByTheLibrary()
    {
        // A new positional record is a result unless it is listed as an input. (Record structs such as MacdValue are
        // one bar's readings, values like Candle: default(T) exists whatever the constructor, so they are not scanned.)
        var open = Library.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$") is not null && !Inputs.Contains(t))
            .SelectMany(ResultProblems).ToList();
        Assert.True(open.Count == 0, "Records with a public constructor or setter that are not listed as inputs:\n" + string.Join("\n", open));
        // The scan can fail: an input record has a public constructor.
        Assert.NotEmpty(ResultProblems(typeof(HedgeMath.Hedging.MinimumVarianceHedge)));
    }

    private static IEnumerable<string> ResultProblems(Type t) =>
        t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Select(_ => $"{t.Name}: public constructor")
            .Concat(t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).Select(p => $"{t.Name}: public setter {p.Name}"));

    internal static IEnumerable<string> MutabilityProblems(Type type)
    {
        if (type.IsEnum || type.IsInterface || typeof(Delegate).IsAssignableFrom(type)) yield break;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var f in type.GetFields(flags))
        {
            if (f.IsLiteral) continue;
            if (!f.IsInitOnly) yield return $"{type.FullName}.{f.Name}: public non-readonly field";
            else if (IsMutableCollection(f.FieldType)) yield return $"{type.FullName}.{f.Name}: public mutable collection field";
        }
        foreach (var p in type.GetProperties(flags))
        {
            var setter = p.SetMethod;
            if (setter is { IsPublic: true } && !IsInitOnly(setter))
                yield return $"{type.FullName}.{p.Name}: public setter";
            if (IsMutableCollection(p.PropertyType))
                yield return $"{type.FullName}.{p.Name}: exposes mutable collection {p.PropertyType.Name}";
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsMutableCollection(Type t)
    {
        if (t == typeof(string)) return false;
        if (t.IsArray) return true;
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            if (def == typeof(ImmutableArray<>) || def == typeof(IReadOnlyList<>) || def == typeof(IReadOnlyCollection<>)
                || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyDictionary<,>) || def == typeof(ReadOnlyMemory<>)
                || def.Namespace == "System.Collections.Immutable") return false;
        }
        if (t.IsInterface)
        {
            return t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IList<>) || t.GetGenericTypeDefinition() == typeof(ICollection<>)
                || t.GetGenericTypeDefinition() == typeof(IDictionary<,>) || t.GetGenericTypeDefinition() == typeof(ISet<>))
                || t == typeof(IList) || t == typeof(IDictionary);
        }
        return typeof(IList).IsAssignableFrom(t) || typeof(IDictionary).IsAssignableFrom(t)
            || t.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(ISet<>))
                && !(t.Namespace ?? "").StartsWith("System.Collections.Immutable", StringComparison.Ordinal)
                && t.GetMethod("Add") is { IsPublic: true } add && !add.ReturnType.IsAssignableTo(t.GetInterfaces().FirstOrDefault() ?? typeof(object)) && add.ReturnType == typeof(void));
    }

    public sealed class WithSetter { public int X { get; set; } }
    public sealed class WithField { public int X; }
    public sealed class WithList { public List<int> X { get; } = []; }
    public sealed class WithArray { public int[] X { get; init; } = []; }
    public sealed record Fine(int X, IReadOnlyList<int> Y, ImmutableArray<int> Z);
}
