using HedgeMath.Positions;
using Xunit.Abstractions;

namespace HedgeMath.Tests.Fuzz;

/// <summary>
/// The input convention, checked on every public entry point of the library at once: a bad argument gives an
/// <see cref="ArgumentException"/>-family exception naming a parameter of the method that threw, never another
/// exception, a hang, or an infinite/NaN answer. One assertion lists every failure (method, parameter, value,
/// exception), so an API merged from another branch can be fixed from one test run.
/// </summary>
public sealed class PublicApiFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryPublicEntryPoint_RejectsEdgeValues_NamingItsOwnParameter()
    {
        var fuzzer = new ApiFuzzer(typeof(Position).Assembly, TimeSpan.FromSeconds(5));
        fuzzer.Run();
        output.WriteLine($"{fuzzer.EntryPoints} entry points, {fuzzer.Calls} calls, {fuzzer.Skipped.Count} skipped:");
        foreach (var s in fuzzer.Skipped) output.WriteLine("  skipped " + s);
        Assert.True(fuzzer.EntryPoints > 300, $"only {fuzzer.EntryPoints} entry points were reached; the value pool lost a type");
        Assert.True(fuzzer.Failures.Count == 0,
            $"{fuzzer.Failures.Count} calls broke the input convention:{Environment.NewLine}" + string.Join(Environment.NewLine, fuzzer.Failures));
    }
}
