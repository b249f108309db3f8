using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Fuzz;

/// <summary>
/// Calls every public constructor and method of every public type of an assembly with one edge value at a time
/// (every other argument a plausible good value) and collects each outcome that breaks the input convention:
/// an exception outside the <see cref="ArgumentException"/> family, an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> is not a parameter of the method that threw, a call that does not
/// return within the time limit, or a result holding an infinity (or a NaN returned as the answer itself).
/// </summary>
/// <remarks>
/// Instances for instance methods and for parameters of library types come from a pool built by calling the
/// library's own factories with good values (so new APIs are covered without registering anything). Public structs
/// are also called on their <c>default</c> value, which must work or throw an ArgumentException /
/// InvalidOperationException, never a NullReferenceException.
/// <para>Five classes an outside fuzz found (issue 23) are closed here too: (1) every result goes through every
/// renderer of the presentation assemblies given (a method named <c>Html</c>/<c>ToHtml</c> must render any valid
/// result; a chart may reject one only with an ArgumentException naming its own parameter) and the markup must hold no
/// NaN, ∞ or "Infinity"; (2) every public getter and <c>ToString()</c> of every result is read (lazy getters
/// included); (3) option objects (a public type with a parameterless constructor and settable properties, such as
/// <c>SignalOptions</c> or <c>HedgePlanOptions</c>) are varied field by field with the edge values: a setter rejects a
/// value naming its property, or every method that takes the options handles the variant; (4) every ArgumentException
/// names a parameter of the method called; (5) sizes that pass simple checks but break a joined rule (1e15 units) are
/// among the decimal edges. Instance methods run on every pooled instance of their type (up to two: a book with a leg
/// as well as the empty one).</para>
/// </remarks>
public sealed class ApiFuzzer
{
    private readonly Assembly _assembly;
    private readonly Dictionary<Type, List<object>> _pool = [];
    private readonly List<string> _failures = [];
    private readonly TimeSpan _callLimit;

    public ApiFuzzer(Assembly assembly, TimeSpan callLimit, params Assembly[] renderers)
    {
        _assembly = assembly;
        _callLimit = callLimit;
        _renderers = [.. renderers.SelectMany(RenderersOf)];
        _seeding = true;
        SeedPool();
        _seeding = false;
    }

    private readonly List<MethodInfo> _renderers;
    private bool _seeding;
    private readonly HashSet<object> _rendered = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _reported = [];

    /// <summary>Results drawn by a renderer.</summary>
    public int Renders { get; private set; }

    /// <summary>Option objects varied (one field set to one edge value and accepted by its setter).</summary>
    public int OptionVariants { get; private set; }

    /// <summary>Entry points called (methods and constructors).</summary>
    public int EntryPoints { get; private set; }

    /// <summary>Individual calls made.</summary>
    public int Calls { get; private set; }

    /// <summary>Entry points skipped (span or generic parameters, or a parameter type without a value).</summary>
    public List<string> Skipped { get; } = [];

    /// <summary>Every failure, one line each.</summary>
    public IReadOnlyList<string> Failures => _failures;

    // ------------------------------------------------------------------ pool of good instances

    private void SeedPool()
    {
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        Add(typeof(ImmutableArray<Candle>), candles);
        var funding = TestData.Funding("btcusdt_funding_8h.csv");
        Add(typeof(ImmutableArray<FundingEvent>), funding);
        foreach (var c in candles.Take(3)) Add(typeof(Candle), c);
        foreach (var f in funding.Take(3)) Add(typeof(FundingEvent), f);

        SeedAggregates();

        // Public static properties and fields of the library (presets such as Contract.BinanceBtcUsdt, SignalOptions.Default).
        foreach (var t in PublicTypes())
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            {
                if (p.GetIndexParameters().Length > 0 || p.PropertyType.IsByRefLike) continue;
                try { if (p.GetValue(null) is { } v) Add(v.GetType(), v); } catch (Exception) { /* reported by the method pass */ }
            }
            foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                try { if (f.GetValue(null) is { } v) Add(v.GetType(), v); } catch (Exception) { }
            }
        }
        // Three rounds of calling every factory with good values: each adds the types the next round can use.
        // Positional records' constructors only in the last round, for types no factory made (they check nothing).
        // A last round calls instance methods (and getters) of pooled values with good values, so a type gets a second,
        // non-trivial instance (a book with a leg, not only HedgeBook.Empty).
        for (int round = 0; round < 5; round++)
        {
            foreach (var (call, owner) in EntryPointsOf(instances: round == 4))
            {
                if (call is MethodInfo m && (m.ReturnType == typeof(void) || m.ReturnType.IsPrimitive || m.ReturnType == typeof(string))) continue;
                if (call is ConstructorInfo && round == 4) continue;
                var args = GoodArguments(call.GetParameters());
                if (args is null) continue;
                if (call is ConstructorInfo && (call.GetParameters().Length == 0 || IsDataCarrier(call) && (round < 3 || _pool.ContainsKey(owner)))) continue;
                IEnumerable<object?> targets = call.IsStatic || call is ConstructorInfo ? new object?[] { null } : AllFromPool(owner);
                foreach (var target in targets)
                {
                    var (outcome, result) = Invoke(call, target, args());
                    if (outcome is null && result is not null && !IsPooled(result.GetType())) Add(result.GetType(), result);
                    // The first item of a list of library values (a book's legs, a ladder's rungs, a rebalance's buckets).
                    if (outcome is null && result is IEnumerable items and not string && ElementType(result.GetType()) is { } et && et.Assembly == _assembly
                        && !IsPooled(et) && items.Cast<object?>().FirstOrDefault() is { } first)
                        Add(et, first);
                }
            }
        }
    }

    /// <summary>
    /// Coherent aggregates no factory reaches with one good value per parameter (a history needs aligned files, an
    /// allocation weights that sum to 1, a leveraged exposure a target above the holding, a cross-hedge another asset):
    /// seeded, so every method that takes or returns them is fuzzed and rendered. The first of a type is what parameters
    /// get; instance methods run on each.
    /// </summary>
    private void SeedAggregates()
    {
        var btc = Contract.BinanceBtcUsdt;
        var holding = SpotHolding.Create("BTC", 1m, 50_000m);
        Add(typeof(MarketHistory), MarketHistory.Align(TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"),
            TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2023, 1, 1), new DateOnly(2023, 4, 30)));
        Add(typeof(HedgePlan), HedgePlan.Create(holding, 0.5m, btc, 2m, 50_000m));
        var estimate = new MinimumVarianceHedge(1.2, 0.8, 0.05, 0.04, 0.03, 100, HedgeRatioBasis.PricesToLogReturns); // a return basis, as a cross-hedge needs
        Add(typeof(MinimumVarianceHedge), estimate);
        Add(typeof(HedgePlan), HedgePlan.CreateCrossHedge(SpotHolding.Create("SOL", 100m, 150m), estimate, btc, 3m, 150m, 50_000m));
        Add(typeof(HedgeBook), HedgeBook.Empty);
        Add(typeof(HedgeBook), HedgeBook.Empty.Open(btc, Side.Short, 0.5m, 50_000m, 2m).Book);
        Add(typeof(PortfolioAllocation), PortfolioAllocation.Analyze([("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)],
            [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", 200m, 150m), ("USDT", "buffer", 20_000m, 1m)]));
        Add(typeof(LeveragedExposurePlan), LeveragedExposurePlan.Create(holding, 1.5m, btc, 3m, 50_000m));
    }

    private bool IsPooled(Type t) => _pool.TryGetValue(t, out var l) && l.Count >= 2;

    private void Add(Type t, object value)
    {
        if (!_pool.TryGetValue(t, out var list)) _pool[t] = list = [];
        if (list.Count < 2) list.Add(value);
    }

    private object? FromPool(Type t)
    {
        if (_pool.TryGetValue(t, out var exact)) return exact[0];
        foreach (var (k, v) in _pool)
        {
            if (t.IsAssignableFrom(k)) return v[0];
        }
        return null;
    }

    private List<object> AllFromPool(Type t)
    {
        if (_pool.TryGetValue(t, out var exact)) return exact;
        return FromPool(t) is { } one ? [one] : [];
    }

    private IEnumerable<Type> PublicTypes() =>
        _assembly.GetExportedTypes().Where(t => !t.IsGenericTypeDefinition && !typeof(Delegate).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);

    private IEnumerable<(MethodBase Call, Type Owner)> EntryPointsOf(bool instances)
    {
        foreach (var t in PublicTypes())
        {
            if (!t.IsAbstract && !t.IsEnum)
            {
                foreach (var c in t.GetConstructors(BindingFlags.Public | BindingFlags.Instance)) yield return (c, t);
            }
            var flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly | (instances ? BindingFlags.Instance : 0);
            foreach (var m in t.GetMethods(flags))
            {
                if (m.IsGenericMethodDefinition || m.Name.StartsWith('<') || m.ReturnType.IsByRefLike) continue; // a span getter cannot be invoked by reflection
                if (m.IsSpecialName && !m.Name.StartsWith("get_", StringComparison.Ordinal)) continue; // setters/operators
                if (m.Name is "Equals" or "GetHashCode" or "Deconstruct" or "PrintMembers") continue;
                if (t.IsEnum) continue;
                yield return (m, t);
            }
        }
    }

    // ------------------------------------------------------------------ the run

    /// <summary>Calls every entry point with every edge value of every parameter.</summary>
    public void Run()
    {
        foreach (var (type, values) in _pool.ToArray())
            foreach (var v in values)
                if (Render(v) is { } broken) _failures.Add($"pooled {type.Name} {OneLine(v.ToString() ?? "")}: {broken}");
        foreach (var (call, owner) in EntryPointsOf(instances: true))
        {
            var parameters = call.GetParameters();
            if (parameters.Any(p => p.ParameterType.IsByRefLike || p.ParameterType.IsByRef || p.ParameterType.IsPointer))
            {
                Skipped.Add($"{Name(call)} (span/by-ref parameter)");
                continue;
            }
            if (call is ConstructorInfo && parameters.Length == 0 && !owner.IsValueType)
            {
                Skipped.Add($"{Name(call)} (parameterless: an object-initializer type, not an entry point that validates)");
                continue;
            }
            var targets = new List<(object? Target, bool IsDefaultStruct)>();
            if (call.IsStatic || call is ConstructorInfo) targets.Add((null, false));
            else
            {
                foreach (var instance in AllFromPool(owner)) targets.Add((instance, false));
                if (owner.IsValueType) targets.Add((Activator.CreateInstance(owner), true));
                if (targets.Count == 0) { Skipped.Add($"{Name(call)} (no instance of {owner.Name})"); continue; }
            }
            var good = GoodArguments(parameters);
            if (good is null) { Skipped.Add($"{Name(call)} (no good value for a parameter)"); continue; }
            EntryPoints++;
            bool carrier = IsDataCarrier(call);
            foreach (var (target, isDefault) in targets)
            {
                string where = isDefault ? $"default({owner.Name})." : "";
                _nanAllowed = true;
                var (baseOutcome, baseResult) = Invoke(call, target, good(), isDefault);
                _nanAllowed = baseResult is double bd && double.IsNaN(bd) || baseOutcome is not null || carrier;
                if (baseOutcome is not null) _failures.Add($"{where}{Name(call)} with good arguments: {baseOutcome}");
                if (isDefault) continue;
                for (int i = 0; i < parameters.Length; i++)
                {
                    foreach (var (label, edge) in EdgeValues(parameters[i]))
                    {
                        var args = good();
                        args[i] = edge();
                        var (outcome, result) = Invoke(call, target, args, checkResult: !carrier);
                        if (outcome is null && !carrier && label.Contains("undefined enum", StringComparison.Ordinal) && call is not MethodInfo { Name: "ToString" })
                        {
                            bool threw = result is null && (call is ConstructorInfo || ((MethodInfo)call).ReturnType != typeof(void)) && LastThrew;
                            if (!threw) outcome = "accepted an undefined enum value (must be rejected naming the parameter)";
                        }
                        if (outcome is not null) _failures.Add($"{Name(call)}({parameters[i].Name} = {label}): {outcome}");
                    }
                }
            }
        }
    }

    private bool _nanAllowed = true;

    /// <summary>Whether the last call threw (an accepted rejection leaves no result).</summary>
    private bool LastThrew { get; set; }

    /// <summary>
    /// A positional record's constructor (every parameter is a property of the same name): it carries values and
    /// checks none, so only its own exceptions count, not what its computed properties make of garbage.
    /// </summary>
    private static bool IsDataCarrier(MethodBase call)
    {
        if (call is not ConstructorInfo c || c.GetParameters().Length == 0) return false;
        var props = c.DeclaringType!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return c.GetParameters().All(p => props.Contains(p.Name!));
    }

    private (string? Failure, object? Result) Invoke(MethodBase call, object? target, object?[] args, bool defaultStruct = false, bool checkResult = true)
    {
        Calls++;
        object? result = null;
        Exception? thrown = null;
        var task = Task.Run(() =>
        {
            try { result = call is ConstructorInfo c ? c.Invoke(args) : call.Invoke(target, args); }
            catch (TargetInvocationException e) { thrown = e.InnerException ?? e; }
            catch (Exception e) { thrown = e; }
        });
        LastThrew = false;
        if (!task.Wait(_callLimit)) return ($"did not return within {_callLimit.TotalSeconds:0} s (a size limit is missing)", null);
        var names = call.GetParameters().Select(p => p.Name).ToHashSet();
        LastThrew = thrown is not null;
        switch (thrown)
        {
            case null:
                string? failure = checkResult ? CheckResult(result, _nanAllowed) : null;
                if (failure is null && checkResult && !_seeding && result is not null) failure = Render(result);
                return (failure, result);
            case ArgumentException ae when ae.ParamName is { } pn && names.Contains(pn):
                return (null, null);
            case ArgumentException ae:
                return ($"{ae.GetType().Name} names '{ae.ParamName ?? "null"}', not a parameter of this method: {OneLine(ae.Message)}", null);
            case InvalidOperationException when defaultStruct || target is not null && call is MethodInfo:
                // A state error of an instance (a default struct, a stream with no bar) is a clear rejection.
                return (null, null);
            default:
                return ($"{thrown.GetType().Name}: {OneLine(thrown.Message)}{Frame(thrown)}", null);
        }
    }

    private static string Frame(Exception e)
    {
        var frame = new StackTrace(e, false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly.GetName().Name == "HedgeMath");
        return frame?.GetMethod() is { } m ? $" (at {m.DeclaringType?.Name}.{m.Name})" : "";
    }

    private static string OneLine(string s)
    {
        var line = s.ReplaceLineEndings(" ");
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    private static string Name(MethodBase m) =>
        $"{m.DeclaringType?.Name}.{(m is ConstructorInfo ? "ctor" : m.Name)}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    /// <summary>An infinity anywhere in the result (two levels of properties, arrays up to 2,000 items), or a NaN returned as the answer.</summary>
    private static string? CheckResult(object? result, bool nanAllowed)
    {
        if (result is double d && (double.IsInfinity(d) || double.IsNaN(d) && !nanAllowed)) return $"returned {d.ToString(CultureInfo.InvariantCulture)}";
        if (result is double?) return null;
        var problem = new StringBuilder();
        Walk(result, "result", 0, problem, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return problem.Length == 0 ? null : problem.ToString();
    }

    private static void Walk(object? value, string path, int depth, StringBuilder problem, HashSet<object> seen)
    {
        if (value is null || problem.Length > 0) return;
        switch (value)
        {
            case double d:
                if (double.IsInfinity(d)) problem.Append($"{path} is {d.ToString(CultureInfo.InvariantCulture)}");
                return;
            case float or decimal or int or long or ulong or bool or string or Enum or DateTimeOffset or DateTime or DateOnly or TimeSpan:
                return;
            case Delegate or Type or Assembly or TextReader or TextWriter:
                return;
        }
        if (depth >= 3 || !seen.Add(value)) return;
        if (value is IEnumerable e)
        {
            try
            {
                int i = 0;
                foreach (var item in e)
                {
                    if (i++ >= 2000) break;
                    Walk(item, $"{path}[{i - 1}]", depth + 1, problem, seen);
                }
            }
            catch (InvalidOperationException ex)
            {
                problem.Append($"{path} cannot be enumerated: {OneLine(ex.Message)}");
            }
            return;
        }
        var type = value.GetType();
        if (type.Assembly.GetName().Name != "HedgeMath") return;
        try { _ = value.ToString(); }
        catch (Exception ex)
        {
            problem.Append($"{path}.ToString() throws {ex.GetType().Name}: {OneLine(ex.Message)}");
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.PropertyType.IsByRefLike) continue;
            object? v;
            try { v = p.GetValue(value); }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException) { continue; }
            catch (TargetInvocationException ex)
            {
                problem.Append($"{path}.{p.Name} throws {ex.InnerException?.GetType().Name}: {OneLine(ex.InnerException?.Message ?? "")}");
                return;
            }
            Walk(v, $"{path}.{p.Name}", depth + 1, problem, seen);
        }
    }

    // ------------------------------------------------------------------ values

    private Func<object?[]>? GoodArguments(ParameterInfo[] parameters)
    {
        var makers = new Func<object?>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var m = Good(parameters[i]);
            if (m is null) return null;
            makers[i] = m;
        }
        return () => makers.Select(f => f()).ToArray();
    }

    private Func<object?>? Good(ParameterInfo p)
    {
        var t = p.ParameterType;
        string n = (p.Name ?? "").ToLowerInvariant();
        if (p.HasDefaultValue && (p.DefaultValue is not null || !t.IsValueType || Nullable.GetUnderlyingType(t) is not null))
        {
            var dv = p.DefaultValue;
            if (t == typeof(decimal) && dv is not decimal && dv is not null) dv = Convert.ToDecimal(dv, CultureInfo.InvariantCulture);
            if (dv is null && t.IsValueType && Nullable.GetUnderlyingType(t) is null) dv = Activator.CreateInstance(t);
            return () => dv;
        }
        var names = TupleNames(p.GetCustomAttribute<TupleElementNamesAttribute>());
        if (Nullable.GetUnderlyingType(t) is { } under) return Good(under, n, names);
        return Good(t, n, names);
    }

    /// <summary>The element names a parameter or property gives its tuple (<c>(decimal Price, decimal Fraction)</c>), or null.</summary>
    private static string[]? TupleNames(TupleElementNamesAttribute? a) => a is null ? null : [.. a.TransformNames.Select(x => x ?? "")];

    private static bool IsValueTuple(Type t) => t.IsGenericType && t.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    /// <summary>
    /// A good tuple (a parameter such as <c>IEnumerable&lt;(decimal Price, decimal Fraction)&gt;</c>): each element valued by its
    /// name (<paramref name="names"/>, else the parameter's); a nullable stop is left out (null: no stop is a plausible value).
    /// </summary>
    private Func<object?>? GoodTuple(Type t, string n, string[]? names)
    {
        var types = t.GetGenericArguments();
        var makers = new Func<object?>[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            string en = ElementName(names, i, n);
            var et = types[i];
            if (Nullable.GetUnderlyingType(et) is { } u)
            {
                if (en.Contains("stop", StringComparison.Ordinal)) { makers[i] = () => null; continue; }
                et = u;
            }
            var g = Good(et, en);
            if (g is null) return null;
            makers[i] = g;
        }
        return () => Activator.CreateInstance(t, [.. makers.Select(m => m())]);
    }

    private static string ElementName(string[]? names, int i, string fallback) =>
        names is { } ns && i < ns.Length && ns[i].Length > 0 ? ns[i].ToLowerInvariant() : fallback;

    private Func<object?>? Good(Type t, string n, string[]? tupleNames = null)
    {
        if (IsValueTuple(t)) return GoodTuple(t, n, tupleNames);
        if (t == typeof(decimal)) return () => GoodDecimal(n);
        if (t == typeof(double)) return () => GoodDouble(n);
        if (t == typeof(int)) return () => GoodInt(n);
        if (t == typeof(long)) return () => (long)GoodInt(n);
        if (t == typeof(ulong)) return () => 42UL;
        if (t == typeof(bool)) return () => false;
        if (t == typeof(string)) return () => GoodString(n);
        if (t == typeof(TimeSpan)) return () => TimeSpan.FromDays(30);
        if (t == typeof(DateTimeOffset)) return () => new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (t == typeof(DateTime)) return () => new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (t == typeof(DateOnly)) return () => new DateOnly(2023, 1, 1);
        if (t.IsEnum) { var v = Enum.GetValues(t).GetValue(0); return () => v; }
        if (t == typeof(TextReader)) return () => new StringReader(TestData.Text("market/btcusdt_spot_daily.csv"));
        if (FromPool(t) is { } pooled) return () => pooled;
        if (ElementType(t) is { } et)
        {
            var items = GoodItems(et, n, tupleNames);
            if (items is null) return null;
            return () => MakeCollection(t, et, items);
        }
        if (typeof(Delegate).IsAssignableFrom(t)) return () => null;
        return null;
    }

    private IList? GoodItems(Type et, string n, string[]? tupleNames = null)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(et))!;
        if (et == typeof(double))
        {
            bool returns = n.Contains("return") || n.Contains("change") || n.Contains("funding");
            for (int i = 0; i < 120; i++) list.Add(returns ? 0.01 * Math.Sin(i * 0.7) : 100 + (10 * Math.Sin(i * 0.3)) + (i % 5));
            return list;
        }
        if (et == typeof(decimal))
        {
            decimal[] v = n.Contains("lever") ? [2m, 5m] : n.Contains("move") ? [-0.2m, 0m, 0.2m] : n.Contains("ratio") ? [0.25m, 0.5m] : n.Contains("price") ? [40_000m, 50_000m, 60_000m] : [0.5m, 1m];
            foreach (var x in v) list.Add(x);
            return list;
        }
        if (et == typeof(Candle)) { foreach (var c in TestData.Candles("btcusdt_spot_daily.csv").Take(400)) list.Add(c); return list; }
        if (et == typeof(FundingEvent)) { foreach (var f in TestData.Funding("btcusdt_funding_8h.csv").Take(400)) list.Add(f); return list; }
        if (et == typeof(string)) { list.Add("x"); return list; }
        var g = Good(et, n, tupleNames);
        if (g is null) return null;
        list.Add(g());
        return list;
    }

    private static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        if (def == typeof(ImmutableArray<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyList<>) || def == typeof(IReadOnlyCollection<>)
            || def == typeof(IList<>) || def == typeof(List<>) || def == typeof(ICollection<>))
            return t.GetGenericArguments()[0];
        return null;
    }

    private static object? MakeCollection(Type t, Type et, IList items)
    {
        var array = Array.CreateInstance(et, items.Count);
        items.CopyTo(array, 0);
        if (t.IsArray) return array;
        var def = t.GetGenericTypeDefinition();
        if (def == typeof(ImmutableArray<>))
        {
            var create = typeof(ImmutableArray).GetMethods().First(m => m.Name == "Create" && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(et);
            return create.Invoke(null, [array]);
        }
        if (def == typeof(List<>)) return Activator.CreateInstance(t, array);
        return array;
    }

    private static decimal GoodDecimal(string n) =>
        n.Contains("lever") || n.Contains("cap") ? 2m
        : n.Contains("fund") || n.Contains("fee") ? 0.0005m
        : n.Contains("ratio") || n.Contains("fraction") || n.Contains("weight") || n.Contains("move") || n.Contains("buffer") || n.Contains("band") || n.Contains("distance") || n.Contains("pct") || n.Contains("rate") ? 0.2m
        : n.Contains("price") || n.Contains("entry") || n.Contains("mark") || n.Contains("cost") || n.Contains("stop") || n.Contains("target") || n.Contains("level") || n.Contains("close") || n.Contains("open") || n.Contains("high") || n.Contains("low") ? 50_000m
        : n.Contains("days") ? 30m
        : 1m;

    private static double GoodDouble(string n) =>
        n.Contains("vol") ? 0.5 : n.Contains("drift") ? 0.05 : n.Contains("deviation") ? 2 : n.Contains("quantile") || n.Contains("fraction") || n.Contains("probab") ? 0.2 : 1;

    private static int GoodInt(string n) =>
        n.Contains("lookback") || n.Contains("period") ? 14 : n.Contains("days") || n.Contains("steps") ? 30 : n.Contains("path") ? 20 : n.Contains("index") || n.Contains("offset") || n.Contains("start") ? 0 : 5;

    private static string GoodString(string n) =>
        n.Contains("symbol") ? "BTCUSDT" : n.Contains("asset") || n.Contains("currency") ? "BTC" : n.Contains("json") ? "[]" : n.Contains("csv") || n.Contains("text") ? TestData.Text("market/btcusdt_spot_daily.csv") : "x";

    private IEnumerable<(string Label, Func<object?> Make)> EdgeValues(ParameterInfo p) =>
        EdgeValues(p.ParameterType, p.Name, TupleNames(p.GetCustomAttribute<TupleElementNamesAttribute>()));

    /// <summary>A tuple with one element set to one of its edge values, the others good (each element in turn).</summary>
    private IEnumerable<(string Label, Func<object?> Make)> TupleEdges(Type t, string? name, string[]? names)
    {
        var good = GoodTuple(t, (name ?? "").ToLowerInvariant(), names);
        if (good is null) yield break;
        var types = t.GetGenericArguments();
        for (int i = 0; i < types.Length; i++)
        {
            var field = t.GetField("Item" + (i + 1).ToString(CultureInfo.InvariantCulture))!;
            string en = ElementName(names, i, "item" + (i + 1).ToString(CultureInfo.InvariantCulture));
            foreach (var (label, edge) in EdgeValues(types[i], en))
            {
                yield return ($"({en} = {label})", () =>
                {
                    object boxed = good()!;
                    field.SetValue(boxed, edge());   // sets the boxed copy
                    return boxed;
                });
            }
        }
    }

    private IEnumerable<(string Label, Func<object?> Make)> EdgeValues(Type t, string? name, string[]? tupleNames = null)
    {
        var under = Nullable.GetUnderlyingType(t);
        if (under is not null) t = under;
        if (t == typeof(double))
        {
            foreach (var d in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0d, -1d, double.MaxValue, double.MinValue, double.Epsilon, 1e308, -1e308, 1e-300 })
                yield return (d.ToString("R", CultureInfo.InvariantCulture), () => d);
        }
        else if (t == typeof(decimal))
        {
            // 1e15: a size that passes every single-value check but breaks a joined one (a notional beyond the tiers).
            foreach (var d in new[] { 0m, -1m, decimal.MaxValue, decimal.MinValue, 1e-28m, 7.9e27m, -1e-28m, 1e15m })
                yield return (d.ToString(CultureInfo.InvariantCulture), () => d);
        }
        else if (t == typeof(int))
        {
            foreach (var d in new[] { 0, -1, int.MaxValue, int.MinValue, int.MaxValue / 2 })
                yield return (d.ToString(CultureInfo.InvariantCulture), () => d);
        }
        else if (t == typeof(long))
        {
            foreach (var d in new[] { 0L, -1L, long.MaxValue, long.MinValue })
                yield return (d.ToString(CultureInfo.InvariantCulture), () => d);
        }
        else if (t == typeof(ulong))
        {
            foreach (var d in new[] { 0UL, ulong.MaxValue })
                yield return (d.ToString(CultureInfo.InvariantCulture), () => d);
        }
        else if (t == typeof(string))
        {
            yield return ("null", () => null);
            yield return ("\"\"", () => "");
            yield return ("\" \"", () => " ");
            yield return ("\"1,5\"", () => "1,5");
        }
        else if (t.IsEnum)
        {
            yield return ("undefined enum -1", () => Enum.ToObject(t, -1));
            if (t.IsDefined(typeof(FlagsAttribute), false)) yield return ("undefined enum 1<<30", () => Enum.ToObject(t, 1 << 30));
            else yield return ("undefined enum 999", () => Enum.ToObject(t, 999));
        }
        else if (t == typeof(TimeSpan))
        {
            foreach (var d in new[] { TimeSpan.Zero, TimeSpan.FromDays(-1), TimeSpan.MaxValue, TimeSpan.MinValue })
                yield return (d.ToString(), () => d);
        }
        else if (t == typeof(DateTimeOffset))
        {
            yield return ("DateTimeOffset.MinValue", () => DateTimeOffset.MinValue);
            yield return ("DateTimeOffset.MaxValue", () => DateTimeOffset.MaxValue);
        }
        else if (t == typeof(DateOnly))
        {
            yield return ("DateOnly.MinValue", () => DateOnly.MinValue);
            yield return ("DateOnly.MaxValue", () => DateOnly.MaxValue);
        }
        else if (t == typeof(TextReader))
        {
            yield return ("null", () => null);
            yield return ("empty reader", () => new StringReader(""));
            yield return ("header-only reader", () => new StringReader("date,open,high,low,close,volume\n"));
        }
        else if (IsValueTuple(t))
        {
            foreach (var edge in TupleEdges(t, name, tupleNames)) yield return edge;
        }
        else if (ElementType(t) is { } et)
        {
            if (!t.IsValueType) yield return ("null", () => null);
            else yield return ("default(ImmutableArray)", () => Activator.CreateInstance(t));
            yield return ("empty", () => MakeCollection(t, et, Array.CreateInstance(et, 0)));
            if (et == typeof(double))
            {
                foreach (var bad in new[] { double.NaN, double.PositiveInfinity, 1e308, -1e308, 0d })
                {
                    string label = $"[.., {bad.ToString("R", CultureInfo.InvariantCulture)}, ..]";
                    yield return (label, () =>
                    {
                        var items = GoodItems(et, (name ?? "").ToLowerInvariant())!;
                        items[items.Count / 2] = bad;
                        return MakeCollection(t, et, items);
                    });
                }
            }
            else if (et == typeof(decimal))
            {
                foreach (var bad in new[] { -1m, 0m, decimal.MaxValue, 1e-28m })
                    yield return ($"[{bad.ToString(CultureInfo.InvariantCulture)}]", () => MakeCollection(t, et, new[] { bad }));
            }
            else if (!et.IsValueType)
            {
                yield return ("[null]", () => MakeCollection(t, et, Array.CreateInstance(et, 1)));
            }
            else if (IsValueTuple(et))
            {
                // One tuple with one bad element (a ladder target at price 0, a bucket without a name).
                foreach (var (label, edge) in TupleEdges(et, name, tupleNames))
                    yield return ($"[{label}]", () =>
                    {
                        var one = Array.CreateInstance(et, 1);
                        one.SetValue(edge(), 0);
                        return MakeCollection(t, et, one);
                    });
            }
            else if (et.Assembly == _assembly && !et.IsEnum)
            {
                // default(Candle) and the like: a value with none of its invariants (no interval, zero prices).
                yield return ($"[default({et.Name})]", () => MakeCollection(t, et, Array.CreateInstance(et, 1)));
            }
        }
        else if (!t.IsValueType)
        {
            yield return ("null", () => null);
            if (IsOptionObject(t))
                foreach (var variant in OptionVariants_(t)) yield return variant;
        }
        else if (t.Assembly == _assembly)
        {
            yield return ($"default({t.Name})", () => Activator.CreateInstance(t));
        }
    }

    // ------------------------------------------------------------------ option objects

    /// <summary>An options record: a public parameterless constructor and public settable (init) scalar properties.</summary>
    private bool IsOptionObject(Type t) =>
        t.Assembly == _assembly && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null && OptionFields(t).Any();

    private static IEnumerable<PropertyInfo> OptionFields(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && IsScalar(p.PropertyType));

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        // A tuple of scalars (HedgePlanOptions.PreviousHedge: leverage, PnL, size, stop distance) is varied element by element.
        if (IsValueTuple(t)) return t.GetGenericArguments().All(IsScalar);
        return t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal) || t == typeof(TimeSpan) || t.IsEnum;
    }

    private static readonly MethodInfo Clone = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>
    /// The pooled (or default) options with one field set to one edge value, for each field and edge value its setter
    /// accepts. A setter that rejects a value must throw an ArgumentException naming its own property.
    /// </summary>
    private IEnumerable<(string Label, Func<object?> Make)> OptionVariants_(Type t)
    {
        var baseline = FromPool(t) ?? Activator.CreateInstance(t)!;
        foreach (var field in OptionFields(t))
        {
            foreach (var (label, edge) in EdgeValues(field.PropertyType, field.Name, TupleNames(field.GetCustomAttribute<TupleElementNamesAttribute>())))
            {
                var variant = Clone.Invoke(baseline, null)!;
                string what = $"{t.Name} {{ {field.Name} = {label} }}";
                try { field.SetValue(variant, edge()); }
                catch (TargetInvocationException e) when (e.InnerException is ArgumentException ae && ae.ParamName == field.Name) { continue; }
                catch (TargetInvocationException e)
                {
                    if (_reported.Add(what))
                        _failures.Add($"{what}: the setter throws {e.InnerException?.GetType().Name} naming '{(e.InnerException as ArgumentException)?.ParamName ?? "-"}' (must be an ArgumentException naming {field.Name}): {OneLine(e.InnerException?.Message ?? "")}");
                    continue;
                }
                catch (ArgumentException) { continue; } // a value of the wrong type for the property (null for a non-nullable)
                OptionVariants++;
                yield return (what, () => variant);
            }
            // A plausible value near the usual one (a futures price 0.2 % from the decision price): valid, but not the default.
            if ((Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType) == typeof(decimal))
            {
                decimal near = GoodDecimal(field.Name.ToLowerInvariant()) * 1.002m;
                var variant = Clone.Invoke(baseline, null)!;
                try { field.SetValue(variant, near); }
                catch (TargetInvocationException) { continue; }
                OptionVariants++;
                yield return ($"{t.Name} {{ {field.Name} = {near.ToString(CultureInfo.InvariantCulture)} }}", () => variant);
            }
        }
    }

    // ------------------------------------------------------------------ renderers

    /// <summary>The public static string-returning methods of a presentation assembly whose first parameter is a library type.</summary>
    private IEnumerable<MethodInfo> RenderersOf(Assembly assembly) =>
        assembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsGenericMethodDefinition && m.ReturnType == typeof(string) && m.GetParameters() is [var first, ..]
                && first.ParameterType.Assembly == _assembly)
            .OrderBy(m => m.DeclaringType!.FullName + "." + m.Name + m.GetParameters().Length, StringComparer.Ordinal);

    /// <summary>Draws a result with every renderer that takes its type; the first broken rendering, or null.</summary>
    private string? Render(object result)
    {
        if (_renderers.Count == 0 || !_rendered.Add(result)) return null;
        foreach (var r in _renderers)
        {
            var parameters = r.GetParameters();
            if (!parameters[0].ParameterType.IsInstanceOfType(result)) continue;
            var args = new object?[parameters.Length];
            args[0] = result;
            for (int i = 1; i < parameters.Length; i++)
            {
                // A payoff range around the usual decision price; the rest from the parameters' defaults or names.
                args[i] = parameters[i].Name switch
                {
                    "minPrice" => 25_000m,
                    "maxPrice" => 75_000m,
                    _ when parameters[i].ParameterType == typeof(int) && !parameters[i].HasDefaultValue => 0, // an index (a grid's leverage)
                    _ => Good(parameters[i])?.Invoke(),
                };
            }
            Renders++;
            string? html = null;
            Exception? thrown = null;
            var task = Task.Run(() =>
            {
                try { html = (string?)r.Invoke(null, args); }
                catch (TargetInvocationException e) { thrown = e.InnerException ?? e; }
            });
            string name = $"{r.DeclaringType!.Name}.{r.Name}({result.GetType().Name})";
            if (!task.Wait(_callLimit)) return $"{name} did not return within {_callLimit.TotalSeconds:0} s";
            bool display = r.Name is "Html" or "ToHtml"; // what a notebook shows for the result: must render any valid one
            switch (thrown)
            {
                case null:
                    foreach (var bad in new[] { "NaN", "Infinity", "∞" })
                        if (html!.Contains(bad, StringComparison.Ordinal)) return $"{name} writes \"{bad}\" into its markup";
                    break;
                case ArgumentException ae when !display && ae.ParamName is { } pn && parameters.Any(p => p.Name == pn):
                    break; // a chart that does not apply to this result, rejected naming its own parameter
                default:
                    return $"{name} throws {thrown.GetType().Name}{(thrown is ArgumentException a ? $" naming '{a.ParamName}'" : "")}: {OneLine(thrown.Message)}{Frame(thrown)}";
            }
        }
        return null;
    }
}
