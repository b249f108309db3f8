using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>What a Monte Carlo run simulates: the holding, the hedge ratios compared, the contract and leverage, stop, steps, paths and seed.</summary>
/// <remarks>Limits are <see cref="HedgeMath.Hedging.HedgePlan"/>'s. Creation validates. Immutable and thread-safe.</remarks>
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
    /// <summary>The futures contract (linear or inverse); fees are its taker rate.</summary>
    public Contract Contract { get; private init; } = null!;
    /// <summary>The liquidation rule; the contract's default when null.</summary>
    public LiquidationRule? Rule { get; private init; }
    /// <summary>Days per path.</summary>
    public int Steps { get; private init; }
    /// <summary>Number of paths.</summary>
    public int Paths { get; private init; }
    /// <summary>Seed: the same seed gives the same numbers whatever the thread count.</summary>
    public ulong Seed { get; private init; }
    /// <summary>Stop distance above entry as a fraction, or null for no stop.</summary>
    public decimal? StopDistance { get; private init; }

    /// <summary>Creates a validated specification.</summary>
    /// <param name="spotQuantity">Spot holding (&gt; 0).</param>
    /// <param name="decisionPrice">Starting price (&gt; 0).</param>
    /// <param name="hedgeRatios">Hedge ratios in [0, 10], 1 to 16 of them.</param>
    /// <param name="leverage">Leverage in [1, the contract's maximum].</param>
    /// <param name="contract">The futures contract (linear or inverse).</param>
    /// <param name="steps">Days per path (&gt; 0).</param>
    /// <param name="paths">Number of paths (&gt; 0).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="stopDistance">Stop distance above entry (&gt; 0) or null.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException">A reference is null.</exception>
    /// <exception cref="ArgumentException">No hedge ratios, or more than 16.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range (e.g. zero paths).</exception>
    public static MonteCarloSpec Create(decimal spotQuantity, decimal decisionPrice, IEnumerable<decimal> hedgeRatios, decimal leverage,
        Contract contract, int steps, int paths, ulong seed, decimal? stopDistance = null, LiquidationRule? rule = null)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(decisionPrice);
        if (hedgeRatios is null) throw new ArgumentNullException(nameof(hedgeRatios));
        var ratios = hedgeRatios.ToImmutableArray();
        if (ratios.Length is 0 or > 16) Preconditions.ThrowArgument(nameof(hedgeRatios), $"must contain 1 to 16 ratios; got {ratios.Length}");
        foreach (var r in ratios) if (r < 0m || r > HedgeMath.Hedging.HedgePlan.MaxHedgeRatio) Preconditions.ThrowOutOfRange(nameof(hedgeRatios), r, "must contain only ratios in [0, 10]");
        Preconditions.NotNull(contract);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, FormattableString.Invariant($"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        Preconditions.Size(steps, SizeLimits.MaxSteps);
        Preconditions.Size(paths, SizeLimits.MaxPaths);
        if ((long)steps * paths > SizeLimits.MaxPathSteps)
            Preconditions.ThrowOutOfRange(nameof(paths), paths, $"× steps ({steps}) must be at most {SizeLimits.MaxPathSteps} path steps (a documented size limit)");
        if (stopDistance is { } sd) GridSpec.CheckStopDistance(sd, decisionPrice);
        if (rule is not null) MarginCalc.CheckRule(contract, rule, isolated: true);
        var spec = new MonteCarloSpec
        {
            SpotQuantity = spotQuantity, DecisionPrice = decisionPrice, HedgeRatios = ratios, Leverage = leverage,
            Contract = contract, Rule = rule, Steps = steps, Paths = paths, Seed = seed, StopDistance = stopDistance,
        };
        foreach (var r in ratios)
        {
            try { spec.Setup(r); } // every hedge can be opened
            catch (ArgumentException e) when (e.ParamName is "hedgeRatio" or "costBasis" or "stopPrice" or "isolatedMargin")
            {
                throw e.ParamName switch
                {
                    "hedgeRatio" => Preconditions.Renamed(e, nameof(hedgeRatios), r),
                    "stopPrice" => Preconditions.Renamed(e, nameof(stopDistance), stopDistance),
                    _ => Preconditions.Renamed(e, nameof(decisionPrice), decisionPrice),
                };
            }
        }
        return spec;
    }

    internal ScenarioSetup Setup(decimal ratio) =>
        ScenarioSetup.Create(SpotQuantity, DecisionPrice, DecisionPrice, ratio, Leverage, Contract,
            StopDistance is { } d ? DecisionPrice * (1m + d) : null, Rule);

    /// <summary>The same specification with another seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A new specification.</returns>
    public MonteCarloSpec WithSeed(ulong seed) => new()
    {
        SpotQuantity = SpotQuantity, DecisionPrice = DecisionPrice, HedgeRatios = HedgeRatios, Leverage = Leverage,
        Contract = Contract, Rule = Rule, Steps = Steps, Paths = Paths, Seed = seed, StopDistance = StopDistance,
    };
}

/// <summary>
/// Monte Carlo of hedged against unhedged outcomes: simulated daily price paths (GBM or a block bootstrap of real
/// returns) with funding, each hedge's stop and liquidation checked continuously between the daily closes.
/// </summary>
/// <remarks>
/// <para>Every strategy sees the same paths (common random numbers). Path i draws from its own xoshiro256** stream
/// derived from (seed, i), paths run in parallel over all cores, and every statistic is reduced in path order
/// afterwards, so the same seed gives bit-identical results whatever the thread count (on a given runtime and machine:
/// GBM paths take one vectorised exp per block of 64 days on .NET 9+ with AVX2, which may differ from
/// <see cref="Math.Exp"/> in the last bit). No allocation per path or step.</para>
/// <para><b>Intrabar monitoring.</b> Each step's high is drawn from the exact distribution of the maximum of a Brownian
/// bridge between the two log closes x₀, x₁ with variance σ²Δ: <c>ln H = (x₀ + x₁ + √((x₁ − x₀)² − 2σ²Δ·ln U))/2</c>,
/// U uniform (so <c>P(H ≥ B) = exp(−2(b − x₀)(b − x₁)/(σ²Δ))</c>, b = ln B; Glasserman, <i>Monte Carlo Methods in
/// Financial Engineering</i>, §6.4). The bootstrap uses the sample's daily volatility for σ²Δ. A hedge whose stop or
/// liquidation price lies below the step's high exits there, by the engine's rule (<see cref="HedgeBook.Move"/>): a
/// stop fills at the stop, a liquidated hedge loses its isolated margin. Funding of step t is paid at the step's close
/// to a hedge still open. The money per hedge is the double fast path of the engine (property-tested against it);
/// inverse hedges are converted to the quote asset at the path's last price.</para>
/// <para>Thread-safe.</para>
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
        public required FastLeg[] Legs { get; init; }
        public required double[] LogThreshold { get; init; }
        public required decimal?[] Ratios { get; init; }
        public required decimal?[] LiquidationPrices { get; init; }
        public int Count => Legs.Length;

        public static Strategies Build(MonteCarloSpec spec)
        {
            int ns = spec.HedgeRatios.Length + 1;
            var s = new Strategies { Legs = new FastLeg[ns], LogThreshold = new double[ns], Ratios = new decimal?[ns], LiquidationPrices = new decimal?[ns] };
            s.LogThreshold[0] = double.PositiveInfinity;
            for (int j = 1; j < ns; j++)
            {
                var setup = spec.Setup(spec.HedgeRatios[j - 1]);
                s.Ratios[j] = spec.HedgeRatios[j - 1];
                s.LiquidationPrices[j] = setup.LiquidationPrice;
                s.Legs[j] = new FastLeg(setup.Book.Legs[0]);
                s.LogThreshold[j] = Math.Log(s.Legs[j].Threshold);
            }
            return s;
        }
    }

    private static void SimulatePath(MonteCarloSpec spec, PricePathModel model, Strategies k, int path, double[] pnl, byte[] exits)
    {
        int ns = k.Count, n = spec.Paths;
        // Per strategy: funding sums at exit (Σ price·rate for linear, Σ rate/price for inverse) and the exit price.
        Span<double> exitSumP = stackalloc double[ns];
        Span<double> exitSumInv = stackalloc double[ns];
        Span<double> exitPrice = stackalloc double[ns];
        Span<byte> exit = stackalloc byte[ns];
        exit.Clear();
        double s0 = (double)spec.DecisionPrice, logS0 = Math.Log(s0);
        double minLog = double.PositiveInfinity;
        for (int j = 1; j < ns; j++) minLog = Math.Min(minLog, k.LogThreshold[j]);
        var rng = new Rng(spec.Seed, (ulong)path);
        double price = s0, sumP = 0d, sumInv = 0d;
        int steps = spec.Steps;

        if (model is GbmPathModel g)
        {
            double mu = g.StepDrift, sig = g.StepVolatility, twoVar = 2d * sig * sig, logS = logS0;
            var sample = g.DailyFundingSample.AsSpan();
            bool hasFunding = sample.Length > 0;
            bool constant = sig == 0d && mu == 0d;
            Span<double> logs = stackalloc double[Block];
            Span<double> block = stackalloc double[Block];
            Span<double> highs = stackalloc double[Block];
            double prevLog = logS0;
            for (int t0 = 0; t0 < steps; t0 += Block)
            {
                int len = Math.Min(Block, steps - t0);
                var prices = block[..len];
                if (constant) { prices.Fill(s0); logs[..len].Fill(logS0); highs[..len].Fill(logS0); }
                else
                {
                    for (int j = 0; j < len; j++)
                    {
                        double x1 = logS + mu + sig * rng.NextNormal();
                        highs[j] = BridgeHigh(ref rng, logS, x1, twoVar, minLog);
                        logS = x1; logs[j] = x1; prices[j] = x1;
                    }
                    ExpInPlace(prices);
                }
                for (int j = 0; j < len; j++)
                {
                    double open = price;
                    price = prices[j];
                    double rate = hasFunding ? sample[rng.NextInt(sample.Length)] : 0d;
                    if (highs[j] >= minLog) minLog = Exits(k, open, Math.Exp(highs[j]), price, sumP, sumInv, exit, exitSumP, exitSumInv, exitPrice);
                    sumP += price * rate; sumInv += rate / price;
                }
            }
            _ = prevLog;
        }
        else
        {
            var b = (BootstrapPathModel)model;
            var growth = b.Growth; var rates = b.Funding;
            double twoVar = 2d * b.StepVariance, logS = logS0;
            int block = b.BlockLength, starts = growth.Length - block + 1, idx = 0, left = 0;
            for (int t = 0; t < steps; t++)
            {
                if (left == 0) { idx = rng.NextInt(starts); left = block; }
                double open = price;
                price *= growth[idx];
                double x1 = Math.Log(price);
                double hi = BridgeHigh(ref rng, logS, x1, twoVar, minLog);
                logS = x1;
                if (hi >= minLog) minLog = Exits(k, open, Math.Exp(hi), price, sumP, sumInv, exit, exitSumP, exitSumInv, exitPrice);
                sumP += price * rates[idx]; sumInv += rates[idx] / price;
                idx++; left--;
            }
        }

        double spot = (double)spec.SpotQuantity * (price - s0);
        pnl[path] = spot;
        for (int j = 1; j < ns; j++)
        {
            ref readonly var leg = ref k.Legs[j];
            double v = spot;
            if (leg.Active)
            {
                var e = (HedgeExit)exit[j];
                double money = leg.Settle(e, exitPrice[j], price);
                double fs = e == HedgeExit.None ? (leg.Linear ? sumP : sumInv) : (leg.Linear ? exitSumP[j] : exitSumInv[j]);
                money += leg.Long ? -leg.Qk * fs : leg.Qk * fs;
                v += leg.Linear ? money : money * price;
            }
            pnl[j * n + path] = v;
            exits[j * n + path] = exit[j];
        }
    }

    private const int Block = 64;

    /// <summary>
    /// The log high of a step: the maximum of the Brownian bridge from x₀ to x₁ with variance σ²Δ (twoVar = 2σ²Δ),
    /// <c>(x₀ + x₁ + √((x₁ − x₀)² − 2σ²Δ·ln U))/2</c>. When both closes lie so far below the lowest exit level b that
    /// the crossing probability <c>exp(−2(b − x₀)(b − x₁)/(σ²Δ))</c> is below e⁻⁴⁰, the draw is skipped and the higher
    /// close returned (the level cannot be reached either way); the stream stays a function of the path alone.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double BridgeHigh(ref Rng rng, double x0, double x1, double twoVar, double level)
    {
        double d0 = level - x0, d1 = level - x1;
        if (d0 > 0d && d1 > 0d && d0 * d1 > 20d * twoVar) return Math.Max(x0, x1);
        double d = x1 - x0;
        return 0.5 * (x0 + x1 + Math.Sqrt(d * d - twoVar * Math.Log(rng.NextOpenUnit())));
    }

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

    /// <summary>Closes every hedge whose exit level the step reached (the engine's rule on the step's bar); returns the new lowest open log threshold.</summary>
    private static double Exits(Strategies k, double open, double high, double close, double sumP, double sumInv,
        Span<byte> exit, Span<double> exitSumP, Span<double> exitSumInv, Span<double> exitPrice)
    {
        double min = double.PositiveInfinity;
        high = Math.Max(high, Math.Max(open, close));
        double low = Math.Min(open, close);
        for (int j = 1; j < exit.Length; j++)
        {
            if (exit[j] != 0 || !k.Legs[j].Active) continue;
            var e = k.Legs[j].FirstExit(open, high, low, out double fill);
            if (e != HedgeExit.None)
            {
                exit[j] = (byte)e; exitPrice[j] = fill; exitSumP[j] = sumP; exitSumInv[j] = sumInv;
            }
            else min = Math.Min(min, k.LogThreshold[j]);
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
}
