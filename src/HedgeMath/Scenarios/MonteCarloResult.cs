using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>The result of a Monte Carlo run: statistics per strategy, unhedged first.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MonteCarloResult
{
    private MonteCarloResult() { }

    /// <summary>The specification that was run.</summary>
    public MonteCarloSpec Spec { get; private init; } = null!;
    /// <summary>The path model's description.</summary>
    public string Model { get; private init; } = "";
    /// <summary>Statistics per strategy: unhedged first, then each hedge ratio in the order given.</summary>
    public ImmutableArray<StrategyStatistics> Strategies { get; private init; }

    internal static MonteCarloResult Reduce(MonteCarloSpec spec, PricePathModel model, MonteCarlo.Strategies k, double[] pnl, byte[] exits)
    {
        int n = spec.Paths, ns = k.Count;
        var stats = ImmutableArray.CreateBuilder<StrategyStatistics>(ns);
        double unhedgedVar = 0d;
        for (int j = 0; j < ns; j++)
        {
            var x = pnl.AsSpan(j * n, n);
            double sum = 0d; int liq = 0, stop = 0;
            for (int i = 0; i < n; i++) sum += x[i];
            double mean = sum / n, ss = 0d;
            for (int i = 0; i < n; i++) { double d = x[i] - mean; ss += d * d; }
            for (int i = 0; i < n; i++)
            {
                byte e = exits[j * n + i];
                if (e == (byte)HedgeExit.Liquidated) liq++; else if (e == (byte)HedgeExit.Stopped) stop++;
            }
            double variance = n > 1 ? ss / (n - 1) : 0d;
            if (j == 0) unhedgedVar = variance;
            var sorted = x.ToArray();
            Array.Sort(sorted);
            int m = Math.Max(1, (int)Math.Ceiling(0.05 * n));
            double tail = 0d;
            for (int i = 0; i < m; i++) tail += sorted[i];
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            stats.Add(new StrategyStatistics
            {
                Name = k.Ratios[j] is { } r ? "hedge " + (r * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "unhedged",
                HedgeRatio = k.Ratios[j],
                LiquidationPrice = k.LiquidationPrices[j],
                Mean = mean,
                Median = median,
                StandardDeviation = Math.Sqrt(variance),
                ValueAtRisk95 = -sorted[m - 1],
                ConditionalValueAtRisk95 = -tail / m,
                Worst = sorted[0],
                Best = sorted[^1],
                ProbabilityLiquidation = (double)liq / n,
                ProbabilityStop = (double)stop / n,
                VarianceReduction = j == 0 ? 0d : unhedgedVar > 0d ? 1d - variance / unhedgedVar : double.NaN,
                SortedPnl = ImmutableCollectionsMarshal.AsImmutableArray(sorted),
            });
        }
        return new MonteCarloResult { Spec = spec, Model = model.Name, Strategies = stats.MoveToImmutable() };
    }
}
