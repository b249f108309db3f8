using System.Reflection;
using System.Reflection.Emit;

namespace HedgeMath.Tests.Conventions;

/// <summary>
/// The core's namespaces form a layered graph with no cycle (issue 25; docs/contributing.md, "Layers"): a namespace may
/// use the ones below it and never one that uses it back. The graph is read from the compiled assembly, public and
/// internal alike: every type's base type, interfaces, field, property and method signatures, and the types, methods
/// and fields its method bodies' IL refers to (so a private helper call counts as much as a public signature).
/// Compiler-generated types (closures, state machines) count for the type that declares them.
/// </summary>
public class NamespaceCycleTests
{
    private static readonly Assembly Library = Assembly.Load("HedgeMath");

    [Fact]
    public void CoreNamespaces_HaveNoCycle()
    {
        var edges = Dependencies(Library);
        var cycles = Cycles(edges.Keys.Select(k => k.From).Concat(edges.Keys.Select(k => k.To)).Distinct(),
            edges.Keys.ToLookup(k => k.From, k => k.To));
        var explained = cycles.Select(c => string.Join(", ", c) + "\n  " + string.Join("\n  ",
            edges.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To))
                .Select(e => $"{e.Key.From} -> {e.Key.To} (e.g. {e.Value})")));
        Assert.True(cycles.Count == 0, "Namespace cycles in HedgeMath:\n" + string.Join("\n", explained));
    }

    [Fact]
    public void Graph_CoversTheKnownLayers()
    {
        // The reader must see real edges, or the cycle test above would pass on an empty graph.
        var edges = Dependencies(Library);
        Assert.Contains(("HedgeMath.Margin", "HedgeMath.Positions"), edges.Keys);   // MarginCalc takes a Position
        Assert.Contains(("HedgeMath.Hedging", "HedgeMath.Engine"), edges.Keys);     // plans step a HedgeBook
        Assert.Contains(("HedgeMath.Signals", "HedgeMath.Market"), edges.Keys);     // indicators read candles
        Assert.Contains(("HedgeMath.Positions", "HedgeMath.Internal"), edges.Keys); // Preconditions from IL only
    }

    [Fact]
    public void CycleFinder_FindsACycle()
    {
        var graph = new[] { ("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("E", "E") }.ToLookup(e => e.Item1, e => e.Item2);
        var cycles = Cycles(["A", "B", "C", "D", "E"], graph);
        Assert.Single(cycles);
        Assert.Equal(["A", "B", "C"], cycles[0].Order());
        Assert.Empty(Cycles(["A", "B"], new[] { ("A", "B") }.ToLookup(e => e.Item1, e => e.Item2)));
    }

    /// <summary>Namespace edges (self-edges left out), each with one type-level example for the failure message.</summary>
    private static Dictionary<(string From, string To), string> Dependencies(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
            | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            var from = Home(type, assembly);
            if (from is null) continue;
            void Add(Type? used, string via)
            {
                if (used is null) return;
                if (used.HasElementType) { Add(used.GetElementType(), via); return; }
                if (used.IsGenericType && !used.IsGenericTypeDefinition)
                    foreach (var argument in used.GetGenericArguments()) Add(argument, via);
                if (used.IsGenericParameter) return;
                var to = Home(used, assembly);
                if (to is not null && to != from) edges.TryAdd((from, to), $"{Outermost(type).Name} uses {Outermost(used).Name} in {via}");
            }
            Add(type.BaseType, "its base type");
            foreach (var i in type.GetInterfaces()) Add(i, "its interfaces");
            foreach (var f in type.GetFields(All)) Add(f.FieldType, f.Name);
            foreach (var p in type.GetProperties(All)) Add(p.PropertyType, p.Name);
            foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (m is MethodInfo mi) Add(mi.ReturnType, m.Name);
                foreach (var parameter in m.GetParameters()) Add(parameter.ParameterType, m.Name);
                foreach (var used in BodyReferences(m)) Add(used, m.Name + "'s body");
            }
        }
        return edges;
    }

    /// <summary>The namespace a type belongs to (its outermost declaring type's), or null outside the HedgeMath namespaces.</summary>
    private static string? Home(Type type, Assembly assembly)
    {
        if (type.Assembly != assembly) return null;
        var ns = Outermost(type).Namespace;
        return ns is not null && ns.StartsWith("HedgeMath", StringComparison.Ordinal) ? ns : null;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The declaring types of the methods and fields, and the types, that a method body's IL names by token.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            short value = il[at++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(token, typeArguments, methodArguments); }
                    catch (ArgumentException) { }
                    if (member is Type t) yield return t;
                    else if (member?.DeclaringType is { } declaring) yield return declaring;
                    if (member is MethodInfo called)
                    {
                        yield return called.ReturnType;
                        foreach (var p in called.GetParameters()) yield return p.ParameterType;
                    }
                    else if (member is FieldInfo field) yield return field.FieldType;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    /// <summary>The strongly connected components with more than one node (Tarjan), each a namespace cycle.</summary>
    private static List<List<string>> Cycles(IEnumerable<string> nodes, ILookup<string, string> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph[v].Where(w => w != v))
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string popped;
            do { popped = stack.Pop(); onStack.Remove(popped); component.Add(popped); } while (popped != v);
            if (component.Count > 1) cycles.Add(component);
        }
        foreach (var node in nodes) if (!index.ContainsKey(node)) Visit(node);
        return cycles;
    }
}
