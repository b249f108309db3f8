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
        // The presentation package's renderers draw every result the fuzz makes (issue 23: display(plan) must work).
        var fuzzer = new ApiFuzzer(typeof(Position).Assembly, TimeSpan.FromSeconds(60), typeof(HedgeMath.Interactive.HedgeMathFormatters).Assembly); // a hang guard (a missing size limit runs for minutes), not a timing claim: generous so a loaded machine never trips it
        fuzzer.Run();
        output.WriteLine($"{fuzzer.EntryPoints} entry points, {fuzzer.Calls} calls, {fuzzer.Renders} renderings, {fuzzer.OptionVariants} option variants, {fuzzer.Skipped.Count} skipped:");
        foreach (var s in fuzzer.Skipped) output.WriteLine("  skipped " + s);
        Assert.True(fuzzer.EntryPoints > 300, $"only {fuzzer.EntryPoints} entry points were reached; the value pool lost a type");
        Assert.True(fuzzer.Renders > 100, $"only {fuzzer.Renders} results were rendered; the renderers lost their inputs");
        Assert.True(fuzzer.OptionVariants > 100, $"only {fuzzer.OptionVariants} option variants were tried");
        Assert.True(fuzzer.Failures.Count == 0,
            $"{fuzzer.Failures.Count} calls broke the input convention:{Environment.NewLine}" + string.Join(Environment.NewLine, fuzzer.Failures));
    }
}
