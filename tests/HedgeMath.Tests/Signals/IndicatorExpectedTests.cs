using HedgeMath.Signals;
using static HedgeMath.Tests.Signals.IndicatorReference;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// Every spot assertion of Stock.Indicators' own tests (data/indicators/expected_*.csv: counts, non-null counts, nulls,
/// approximate and exact values at an index, chained calls, RemoveWarmupPeriods) evaluated against HedgeMath.
/// Chains are evaluated the span way: the next indicator runs on the slice after the previous one's warm-up.
/// </summary>
public class IndicatorExpectedTests
{
    public static IEnumerable<object[]> Files() => new[] { "atr", "bollinger", "ema", "macd", "rsi", "sma" }.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Files))]
    public void ExpectedAssertions_AllHold(string file)
    {
        var rows = Expected(file);
        Assert.NotEmpty(rows);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            string? why = Evaluate(row);
            if (why is not null) failures.Add($"{row.Line} -> {why}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? Evaluate(Expectation row)
    {
        var (fields, removed) = Run(row.Call);
        int length = fields.First().Value.Length - removed;
        switch (row.Assertion)
        {
            case "count":
                return length == (int)row.Expected!.Value ? null : $"count {length}";
            case "count_non_null":
            {
                int c = fields[Key(row.Field)].Skip(removed).Count(v => !double.IsNaN(v));
                return c == (int)row.Expected!.Value ? null : $"non-null count {c}";
            }
            case "null":
            {
                double v = fields[Key(row.Field)][row.Index!.Value];
                return double.IsNaN(v) ? null : $"value {v:R} instead of null";
            }
            case "approx":
            {
                double v = fields[Key(row.Field)][row.Index!.Value];
                return Math.Abs(v - row.Expected!.Value) <= row.Tolerance ? null : $"value {v:R}";
            }
            case "exact":
            {
                double v = fields[Key(row.Field)][row.Index!.Value];
                return v == row.Expected!.Value ? null : $"value {v:R}";
            }
            default:
                return $"unknown assertion kind {row.Assertion}";
        }
    }

    private static string Key(string field) => field.ToLowerInvariant();

    /// <summary>Evaluates a Stock.Indicators call chain such as <c>Bars.ToSma(2).ToRsi()</c>; returns the fields and the RemoveWarmupPeriods count.</summary>
    private static (Dictionary<string, double[]> Fields, int Removed) Run(string call)
    {
        var steps = call.Split(").").Select(s => s.TrimEnd(')')).ToList();
        Assert.Equal("Bars", steps[0].Split('.')[0]);
        steps[0] = steps[0][5..];
        double[] value = Closes;
        var fields = new Dictionary<string, double[]>();
        int removed = 0, convergence = 0;
        foreach (var raw in steps)
        {
            var parts = raw.Split('(');
            string name = parts[0];
            int[] args = parts.Length > 1 && parts[1].Length > 0
                ? parts[1].Split(',').Where(a => int.TryParse(a.Trim(), out _)).Select(a => int.Parse(a.Trim())).ToArray()
                : [];
            int Arg(int i, int dflt) => args.Length > i ? args[i] : dflt;
            switch (name)
            {
                case "Use":
                    value = parts[1] switch
                    {
                        "CandlePart.Close" => Closes,
                        "CandlePart.Open" => Opens,
                        "CandlePart.Volume" => Volumes,
                        var p => throw new InvalidOperationException(p),
                    };
                    continue;
                case "RemoveWarmupPeriods":
                    removed = convergence;
                    continue;
            }
            fields = new Dictionary<string, double[]>();
            int start = Array.FindIndex(value, v => !double.IsNaN(v));
            if (start < 0) start = value.Length;
            var src = value.AsSpan(start);
            double[] Out() { var a = new double[value.Length]; a.AsSpan(0, start).Fill(double.NaN); return a; }
            switch (name)
            {
                case "ToSma":
                {
                    int n = Arg(0, 20);
                    var o = Out(); Sma.Compute(src, o.AsSpan(start), n);
                    fields["sma"] = o; value = o; convergence = Sma.WarmupPeriods(n);
                    break;
                }
                case "ToEma":
                {
                    int n = Arg(0, 20);
                    var o = Out(); Ema.Compute(src, o.AsSpan(start), n);
                    fields["ema"] = o; value = o; convergence = Ema.ConvergencePeriods(n);
                    break;
                }
                case "ToRsi":
                {
                    int n = Arg(0, 14);
                    var o = Out(); Rsi.Compute(src, o.AsSpan(start), n);
                    fields["rsi"] = o; value = o; convergence = Rsi.ConvergencePeriods(n);
                    break;
                }
                case "ToMacd":
                {
                    int f = Arg(0, 12), s = Arg(1, 26), g = Arg(2, 9);
                    double[] m = Out(), sg = Out(), h = Out();
                    Macd.Compute(src, m.AsSpan(start), sg.AsSpan(start), h.AsSpan(start), f, s, g);
                    fields["macd"] = m; fields["signal"] = sg; fields["histogram"] = h; value = m;
                    double[] fe = Out(), se = Out();
                    Ema.Compute(src, fe.AsSpan(start), f);
                    Ema.Compute(src, se.AsSpan(start), s);
                    fields["fastema"] = fe; fields["slowema"] = se;
                    convergence = Macd.ConvergencePeriods(f, s, g);
                    break;
                }
                case "ToBollingerBands":
                {
                    int n = Arg(0, 20);
                    double[] u = Out(), mid = Out(), lo = Out(), b = Out(), w = Out(), z = Out();
                    BollingerBands.Compute(src, u.AsSpan(start), mid.AsSpan(start), lo.AsSpan(start), b.AsSpan(start), w.AsSpan(start), z.AsSpan(start), n, 2);
                    fields["sma"] = mid; fields["upperband"] = u; fields["lowerband"] = lo; fields["percentb"] = b; fields["width"] = w; fields["zscore"] = z;
                    value = b; convergence = BollingerBands.WarmupPeriods(n);
                    break;
                }
                case "ToAtr":
                {
                    Assert.Equal(0, start);
                    int n = Arg(0, 14);
                    var r = Atr.Compute(Highs, Lows, Closes, n);
                    fields["tr"] = r.TrueRange.ToArray(); fields["atr"] = r.Atr.ToArray(); fields["atrp"] = r.AtrPercent.ToArray();
                    value = fields["atrp"]; convergence = Atr.WarmupPeriods(n);
                    break;
                }
                default:
                    throw new InvalidOperationException($"unknown step {name} in {call}");
            }
            fields["(count all)"] = value;
        }
        return (fields, removed);
    }
}
