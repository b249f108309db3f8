using System.Globalization;
using HedgeMath.Market;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// Stock.Indicators for .NET reference data (data/indicators/, Apache-2.0, attribution in data/ATTRIBUTION.md):
/// the 502-bar default quote series, that library's full output for each indicator, and the spot assertions of its tests.
/// </summary>
internal static class IndicatorReference
{
    private static readonly Lazy<Candle[]> LazyQuotes = new(() =>
    {
        using var r = File.OpenText(TestData.PathOf("indicators/quotes_default.csv"));
        return Candle.ParseCsv(r).ToArray();
    });

    public static Candle[] Quotes => LazyQuotes.Value;
    public static double[] Closes => Candle.Closes(Quotes);
    public static double[] Highs => Candle.Highs(Quotes);
    public static double[] Lows => Candle.Lows(Quotes);
    public static double[] Opens => Quotes.Select(c => (double)c.Open).ToArray();
    public static double[] Volumes => Quotes.Select(c => (double)c.Volume).ToArray();

    /// <summary>One column of baseline_&lt;name&gt;_full.csv; empty cells (warm-up) become NaN.</summary>
    public static double[] Baseline(string name, string column)
    {
        var lines = File.ReadAllLines(TestData.PathOf($"indicators/baseline_{name}_full.csv"));
        int col = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(col >= 0, $"baseline_{name}_full.csv has no column {column}");
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')[col])
            .Select(s => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>One row of expected_&lt;name&gt;.csv.</summary>
    public sealed record Expectation(string Call, string Test, int? Index, string Field, string Assertion, double? Expected, double Tolerance, string Line)
    {
        public override string ToString() => Line;
    }

    public static IReadOnlyList<Expectation> Expected(string name)
    {
        var lines = File.ReadAllLines(TestData.PathOf($"indicators/expected_{name}.csv"));
        var header = SplitCsv(lines[0]);
        int I(string c) => header.IndexOf(c);
        var list = new List<Expectation>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = SplitCsv(line);
            string idx = f[I("index")], exp = f[I("expected")], tol = f[I("tolerance")];
            list.Add(new Expectation(f[I("indicator_call")], f[I("test")],
                idx.Length == 0 ? null : int.Parse(idx, CultureInfo.InvariantCulture),
                f[I("field")], f[I("assertion")],
                exp.Length == 0 ? null : double.Parse(exp, NumberStyles.Float, CultureInfo.InvariantCulture),
                tol.Length == 0 ? 0 : double.Parse(tol, NumberStyles.Float, CultureInfo.InvariantCulture), line));
        }
        return list;
    }

    private static List<string> SplitCsv(string line)
    {
        var result = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { result.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        result.Add(sb.ToString());
        return result;
    }

    /// <summary>True when a and b agree within <paramref name="relative"/> of the larger magnitude (NaN only equals NaN).</summary>
    public static bool Close(double a, double b, double relative)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b);
        if (a == b) return true;
        return Math.Abs(a - b) <= relative * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    /// <summary>Largest relative difference of two series, −1 if their NaN positions differ.</summary>
    public static (double MaxRelative, int NotBitExact) Compare(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        int notExact = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]) != double.IsNaN(actual[i]))
                Assert.Fail($"index {i}: expected {expected[i]:R}, got {actual[i]:R} (warm-up differs)");
            if (double.IsNaN(expected[i])) continue;
            if (expected[i] != actual[i]) notExact++;
            double scale = Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i]));
            if (scale > 0) max = Math.Max(max, Math.Abs(expected[i] - actual[i]) / scale);
        }
        return (max, notExact);
    }
}
