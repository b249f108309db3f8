using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>What a Monte Carlo run simulates: the holding, the hedge ratios compared, leverage, stop, fees, steps, paths and seed.</summary>
/// <remarks>Creation validates. Immutable and thread-safe.</remarks>
public sealed class MonteCarloSpec
{
    private MonteCarloSpec() { }

    /// <summary>Spot holding in base units.</summary>
    public decimal SpotQuantity { get; private init; }
    /// <summary>Price at the start (the hedges' entry).</summary>
    public decimal DecisionPrice { get; private init; }
    /// <summary>Hedge ratios compared (each one a strategy; the unhedged strategy is always added first).</summary>
    public ImmutableArray<decimal> HedgeRatios { get; private init; }
    /// <summary>Leverage of every hedge.</summary>
    public decimal Leverage { get; private init; }
    /// <summary>The margin model.</summary>
    public IHedgeMarginModel MarginModel { get; private init; } = null!;
    /// <summary>Days per path.</summary>
    public int Steps { get; private init; }
    /// <summary>Number of paths.</summary>
    public int Paths { get; private init; }
    /// <summary>Seed: the same seed gives the same numbers whatever the thread count.</summary>
    public ulong Seed { get; private init; }
    /// <summary>Taker fee rate on the hedge.</summary>
    public decimal FeeRate { get; private init; }
    /// <summary>Stop distance above entry as a fraction, or null for no stop.</summary>
    public decimal? StopDistance { get; private init; }

    /// <summary>Creates a validated specification.</summary>
    /// <param name="spotQuantity">Spot holding (&gt; 0).</param>
    /// <param name="decisionPrice">Starting price (&gt; 0).</param>
    /// <param name="hedgeRatios">Hedge ratios in [0, 2], 1 to 16 of them.</param>
    /// <param name="leverage">Leverage in [1, 125].</param>
    /// <param name="marginModel">The margin model.</param>
    /// <param name="steps">Days per path (&gt; 0).</param>
    /// <param name="paths">Number of paths (&gt; 0).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="feeRate">Taker fee rate in [0, 1).</param>
    /// <param name="stopDistance">Stop distance above entry (&gt; 0) or null.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException">A reference is null.</exception>
    /// <exception cref="ArgumentException">No hedge ratios, or more than 16.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range (e.g. zero paths).</exception>
    public static MonteCarloSpec Create(decimal spotQuantity, decimal decisionPrice, IEnumerable<decimal> hedgeRatios, decimal leverage,
        IHedgeMarginModel marginModel, int steps, int paths, ulong seed, decimal feeRate = 0m, decimal? stopDistance = null)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(decisionPrice);
        if (hedgeRatios is null) throw new ArgumentNullException(nameof(hedgeRatios));
        var ratios = hedgeRatios.ToImmutableArray();
        if (ratios.Length is 0 or > 16) Preconditions.ThrowArgument(nameof(hedgeRatios), $"must contain 1 to 16 ratios; got {ratios.Length}");
        foreach (var r in ratios) if (r < 0m || r > 2m) Preconditions.ThrowOutOfRange(nameof(hedgeRatios), r, "must contain only ratios in [0, 2]");
        Preconditions.InRange(leverage, 1m, 125m);
        Preconditions.NotNull(marginModel);
        Preconditions.Size(steps, SizeLimits.MaxSteps);
        Preconditions.Size(paths, SizeLimits.MaxPaths);
        if ((long)steps * paths > SizeLimits.MaxPathSteps)
            Preconditions.ThrowOutOfRange(nameof(paths), paths, $"× steps ({steps}) must be at most {SizeLimits.MaxPathSteps} path steps (a documented size limit)");
        Preconditions.InRangeHalfOpen(feeRate, 0m, 1m);
        if (stopDistance is { } sd) GridSpec.CheckStopDistance(sd, decisionPrice);
        return new MonteCarloSpec
        {
            SpotQuantity = spotQuantity, DecisionPrice = decisionPrice, HedgeRatios = ratios, Leverage = leverage,
            MarginModel = marginModel, Steps = steps, Paths = paths, Seed = seed, FeeRate = feeRate, StopDistance = stopDistance,
        };
    }

    /// <summary>The same specification with another seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A new specification.</returns>
    public MonteCarloSpec WithSeed(ulong seed) => new()
    {
        SpotQuantity = SpotQuantity, DecisionPrice = DecisionPrice, HedgeRatios = HedgeRatios, Leverage = Leverage,
        MarginModel = MarginModel, Steps = Steps, Paths = Paths, Seed = seed, FeeRate = FeeRate, StopDistance = StopDistance,
    };
}

/// <summary>
/// Monte Carlo of hedged against unhedged outcomes: simulated daily price paths (GBM or a block bootstrap of real
/// returns) with funding, the stop and liquidation of each hedge checked at every step.
/// </summary>
/// <remarks>
/// Every strategy sees the same paths (common random numbers). Path i draws from its own xoshiro256** stream
/// derived from (seed, i), paths run in parallel over all cores, and every statistic is reduced in path order
/// afterwards, so the same seed gives bit-identical results whatever the thread count (on a given runtime and machine:
/// GBM paths take one vectorised exp per block of 64 days on .NET 9+ with AVX2, which may differ from
/// <see cref="Math.Exp"/> in the last bit). No allocation per path or step. A stopped hedge fills at the first daily price at or beyond the stop (capped at the liquidation price); a
/// liquidated hedge loses its initial margin; funding for day t is received by an open short on the notional at
/// day t's price; the hedge is closed at the end. Thread-safe.
/// </remarks>
public static class MonteCarlo
{
    private const int Chunk = 64;

    /// <summary>Runs the simulation.</summary>
    /// <param name="spec">What to simulate.</param>
    /// <param name="model">How paths are generated.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; null or −1 for all cores.</param>
    /// <returns>The statistics per strategy (unhedged first, then each hedge ratio).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public static MonteCarloResult Run(MonteCarloSpec spec, PricePathModel model, int? maxDegreeOfParallelism = null)
    {
        Preconditions.NotNull(spec);
        Preconditions.NotNull(model);
        if (maxDegreeOfParallelism is { } dop && (dop == 0 || dop < -1)) Preconditions.ThrowOutOfRange(nameof(maxDegreeOfParallelism), dop, "must be -1 (all cores) or greater than 0");
        var k = Strategies.Build(spec);
        int n = spec.Paths, ns = k.Count;
        var pnl = new double[ns * n];
        var exits = new byte[ns * n];
        int chunks = (n + Chunk - 1) / Chunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, chunks, options, c =>
        {
            int end = Math.Min(n, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++) SimulatePath(spec, model, k, i, pnl, exits);
        });
        return MonteCarloResult.Reduce(spec, model, k, pnl, exits);
    }

    internal sealed class Strategies
    {
        public required double[] Hedge { get; init; }
        public required double[] Liq { get; init; }
        public required double[] Stop { get; init; }
        public required double[] Threshold { get; init; }
        public required double[] InitialMargin { get; init; }
        public required decimal?[] Ratios { get; init; }
        public required decimal?[] LiquidationPrices { get; init; }
        public int Count => Hedge.Length;

        public static Strategies Build(MonteCarloSpec spec)
        {
            int ns = spec.HedgeRatios.Length + 1;
            var s = new Strategies
            {
                Hedge = new double[ns], Liq = new double[ns], Stop = new double[ns], Threshold = new double[ns],
                InitialMargin = new double[ns], Ratios = new decimal?[ns], LiquidationPrices = new decimal?[ns],
            };
            decimal? stop = spec.StopDistance is { } d ? spec.DecisionPrice * (1m + d) : null;
            s.Liq[0] = s.Stop[0] = s.Threshold[0] = double.PositiveInfinity;
            for (int j = 1; j < ns; j++)
            {
                var setup = ScenarioSetup.Create(spec.SpotQuantity, spec.DecisionPrice, spec.DecisionPrice, spec.HedgeRatios[j - 1],
                    spec.Leverage, spec.MarginModel, stop, spec.FeeRate);
                s.Ratios[j] = setup.HedgeRatio;
                s.Hedge[j] = (double)setup.HedgeQuantity;
                s.LiquidationPrices[j] = setup.LiquidationPrice;
                s.Liq[j] = setup.HedgeQuantity > 0m && setup.LiquidationPrice is { } l ? (double)l : double.PositiveInfinity;
                s.Stop[j] = setup.HedgeQuantity > 0m && stop is { } sp ? (double)sp : double.PositiveInfinity;
                s.Threshold[j] = Math.Min(s.Liq[j], s.Stop[j]);
                s.InitialMargin[j] = (double)setup.Margin.InitialMargin;
            }
            return s;
        }
    }

    private static void SimulatePath(MonteCarloSpec spec, PricePathModel model, Strategies k, int path, double[] pnl, byte[] exits)
    {
        int ns = k.Count, n = spec.Paths;
        Span<double> exitFunding = stackalloc double[ns];
        Span<double> exitPrice = stackalloc double[ns];
        Span<byte> exit = stackalloc byte[ns];
        exit.Clear();
        double s0 = (double)spec.DecisionPrice;
        double minThreshold = double.PositiveInfinity;
        for (int j = 1; j < ns; j++) minThreshold = Math.Min(minThreshold, k.Threshold[j]);
        var rng = new Rng(spec.Seed, (ulong)path);
        double price = s0, funding = 0d;
        int steps = spec.Steps;

        if (model is GbmPathModel g)
        {
            double mu = g.StepDrift, sig = g.StepVolatility, logS = Math.Log(s0);
            var sample = g.DailyFundingSample.AsSpan();
            bool hasFunding = sample.Length > 0;
            bool constant = sig == 0d && mu == 0d;
            // Steps run in blocks: the block's log prices first, then one vectorised exp over the block, then the checks.
            Span<double> block = stackalloc double[Block];
            for (int t0 = 0; t0 < steps; t0 += Block)
            {
                int len = Math.Min(Block, steps - t0);
                var prices = block[..len];
                if (constant) prices.Fill(s0);
                else
                {
                    for (int j = 0; j < len; j++) { logS += mu + sig * rng.NextNormal(); prices[j] = logS; }
                    ExpInPlace(prices);
                }
                for (int j = 0; j < len; j++)
                {
                    price = prices[j];
                    double rate = hasFunding ? sample[rng.NextInt(sample.Length)] : 0d;
                    if (price >= minThreshold) minThreshold = Exits(k, price, funding, exit, exitFunding, exitPrice);
                    funding += price * rate;
                }
            }
        }
        else
        {
            var b = (BootstrapPathModel)model;
            var growth = b.Growth; var rates = b.Funding;
            int block = b.BlockLength, starts = growth.Length - block + 1, idx = 0, left = 0;
            for (int t = 0; t < steps; t++)
            {
                if (left == 0) { idx = rng.NextInt(starts); left = block; }
                price *= growth[idx];
                if (price >= minThreshold) minThreshold = Exits(k, price, funding, exit, exitFunding, exitPrice);
                funding += price * rates[idx];
                idx++; left--;
            }
        }

        double spot = (double)spec.SpotQuantity * (price - s0), fee = (double)spec.FeeRate;
        pnl[path] = spot;
        for (int j = 1; j < ns; j++)
        {
            double h = k.Hedge[j], v = spot;
            if (h != 0d)
            {
                double fees = h * s0 * fee;
                switch ((HedgeExit)exit[j])
                {
                    case HedgeExit.Liquidated: v += -k.InitialMargin[j] - fees + h * exitFunding[j]; break;
                    case HedgeExit.Stopped: v += h * (s0 - exitPrice[j]) - (fees + h * exitPrice[j] * fee) + h * exitFunding[j]; break;
                    default: v += h * (s0 - price) - (fees + h * price * fee) + h * funding; break;
                }
            }
            pnl[j * n + path] = v;
            exits[j * n + path] = exit[j];
        }
    }

    private const int Block = 64;

    /// <summary>exp of every element in place: vectorised where the runtime offers it (.NET 9+), else <see cref="Math.Exp"/>.</summary>
    private static void ExpInPlace(Span<double> values)
    {
        int i = 0;
#if NET9_0_OR_GREATER
        ref double start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= values.Length; i += 4)
            {
                var v = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)i);
                System.Runtime.Intrinsics.Vector256.StoreUnsafe(System.Runtime.Intrinsics.Vector256.Exp(v), ref start, (nuint)i);
            }
        }
#endif
        for (; i < values.Length; i++) values[i] = Math.Exp(values[i]);
    }

    /// <summary>Closes every hedge whose threshold the price reached; returns the new lowest open threshold.</summary>
    private static double Exits(Strategies k, double price, double funding, Span<byte> exit, Span<double> exitFunding, Span<double> exitPrice)
    {
        double min = double.PositiveInfinity;
        for (int j = 1; j < exit.Length; j++)
        {
            if (exit[j] != 0) continue;
            if (price >= k.Threshold[j])
            {
                double s = k.Stop[j], l = k.Liq[j];
                if (price >= s && s < l) { exit[j] = (byte)HedgeExit.Stopped; exitPrice[j] = Math.Min(price, l); }
                else { exit[j] = (byte)HedgeExit.Liquidated; exitPrice[j] = l; }
                exitFunding[j] = funding;
            }
            else min = Math.Min(min, k.Threshold[j]);
        }
        return min;
    }
}

/// <summary>The outcome distribution of one strategy (unhedged or one hedge ratio) over all Monte Carlo paths.</summary>
/// <remarks>
/// PnL in the quote asset against the starting price. VaR and CVaR at 95 % are reported as positive losses:
/// with the n outcomes sorted ascending and m = ⌈0.05·n⌉, VaR = −x₍ₘ₎ (the m-th worst) and CVaR = −mean(x₍₁₎..x₍ₘ₎)
/// (the historical-simulation estimators of Jorion, <i>Value at Risk</i>, 3rd ed., ch. 5; Acerbi &amp; Tasche 2002 for
/// expected shortfall). Median: mean of the two middle values for even n. Standard deviation: sample (n − 1).
/// Variance reduction versus unhedged: <c>1 − Var(hedged)/Var(unhedged)</c> (Ederington 1979 hedge effectiveness).
/// Immutable and thread-safe.
/// </remarks>
public sealed class StrategyStatistics
{
    internal StrategyStatistics() { }

    /// <summary>Strategy name ("unhedged" or "hedge 50%").</summary>
    public string Name { get; internal init; } = "";
    /// <summary>Hedge ratio; null for the unhedged strategy.</summary>
    public decimal? HedgeRatio { get; internal init; }
    /// <summary>Liquidation price of this strategy's hedge at entry, when it has one.</summary>
    public decimal? LiquidationPrice { get; internal init; }
    /// <summary>Mean PnL.</summary>
    public double Mean { get; internal init; }
    /// <summary>Median PnL.</summary>
    public double Median { get; internal init; }
    /// <summary>Sample standard deviation of PnL.</summary>
    public double StandardDeviation { get; internal init; }
    /// <summary>95 % value at risk (a loss, positive when the 5 % tail loses money).</summary>
    public double ValueAtRisk95 { get; internal init; }
    /// <summary>95 % conditional value at risk / expected shortfall (positive = loss).</summary>
    public double ConditionalValueAtRisk95 { get; internal init; }
    /// <summary>Worst PnL.</summary>
    public double Worst { get; internal init; }
    /// <summary>Best PnL.</summary>
    public double Best { get; internal init; }
    /// <summary>Share of paths on which the hedge was liquidated.</summary>
    public double ProbabilityLiquidation { get; internal init; }
    /// <summary>Share of paths on which the hedge's stop was hit.</summary>
    public double ProbabilityStop { get; internal init; }
    /// <summary><c>1 − Var/Var(unhedged)</c>; 0 for the unhedged strategy (NaN when the unhedged variance is 0).</summary>
    public double VarianceReduction { get; internal init; }
    /// <summary>All path outcomes, sorted ascending (for histograms).</summary>
    public ImmutableArray<double> SortedPnl { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}: mean {1:0.00}, median {2:0.00}, sd {3:0.00}, VaR95 {4:0.00}, CVaR95 {5:0.00}, worst {6:0.00}, P(liq) {7:P1}, P(stop) {8:P1}, var. reduction {9:P1}",
        Name, Mean, Median, StandardDeviation, ValueAtRisk95, ConditionalValueAtRisk95, Worst, ProbabilityLiquidation, ProbabilityStop, VarianceReduction);
}

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

    /// <summary>A text table: one row per strategy.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"Monte Carlo: {Spec.Paths:N0} paths x {Spec.Steps} days, {Model}, seed {Spec.Seed}, leverage {Spec.Leverage}x"));
        string[] head = ["strategy", "mean", "median", "sd", "VaR95", "CVaR95", "worst", "P(liq)", "P(stop)", "var.red."];
        var rows = Strategies.Select(s => new[]
        {
            s.Name, N(s.Mean), N(s.Median), N(s.StandardDeviation), N(s.ValueAtRisk95), N(s.ConditionalValueAtRisk95), N(s.Worst),
            s.ProbabilityLiquidation.ToString("P1", CultureInfo.InvariantCulture), s.ProbabilityStop.ToString("P1", CultureInfo.InvariantCulture),
            double.IsNaN(s.VarianceReduction) ? "-" : s.VarianceReduction.ToString("P1", CultureInfo.InvariantCulture),
        }).ToList();
        var w = head.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        sb.AppendLine(string.Join("  ", head.Select((h, c) => c == 0 ? h.PadRight(w[c]) : h.PadLeft(w[c]))));
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select((v, c) => c == 0 ? v.PadRight(w[c]) : v.PadLeft(w[c]))));
        return sb.ToString();
    }

    private static string N(double v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
