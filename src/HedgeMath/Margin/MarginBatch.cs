using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>
/// The fast risk path: liquidation price, margin ratio and distance to liquidation of many isolated positions on one
/// contract at their marks, in one call over spans (structure of arrays), in <see cref="double"/>.
/// </summary>
/// <remarks>
/// <para>Position <c>i</c> is <c>side[i]</c>, <c>quantity[i]</c> (linear: base units; inverse: contracts), <c>entryPrice[i]</c>,
/// <c>isolatedMargin[i]</c> (its wallet, in the settlement asset) marked at <c>markPrice[i]</c>. The formulas, the tier
/// (the one holding the liquidation notional, read from the balance equation's sign at each cap; see <c>Solve</c>) and the rules are those of
/// <see cref="MarginCalc.Isolated(Position, decimal, LiquidationRule?)"/>, which stays the reference: this path
/// restates them in <see cref="double"/> for throughput (a risk desk re-marking a whole book on every tick). Bybit's Unified
/// Trading Account rules (<see cref="LiquidationRule.BybitLinearUnified"/>, <see cref="LiquidationRule.BybitInverse"/>)
/// divide the margin above the initial margin by (1 ∓ taker fee), so they need each position's leverage: use the overload
/// that takes it (the one without rejects those rules rather than treat the whole wallet as initial margin).</para>
/// <para>Error bound (checked by a property test against the decimal path over random linear and inverse positions in
/// every tier of the embedded tables): the liquidation price agrees to 1e-9 relative to the larger of itself and the entry
/// price (in practice ~1e-15; the formula cancels only for a nearly unleveraged linear long, whose price is near 0, or
/// inverse short, whose price is near infinity: a price below 1e-9 or above 1e9 times the entry is reported as none, as the
/// decimal path reports a price of 0 or less as none); the margin ratio to 1e-9 relative while the margin balance is at least 1e-6 of the notional (its
/// relative error is about 1e-16 × notional / margin balance, so it grows only for a position on the edge of liquidation);
/// the distance to liquidation, a fraction of the mark, to 1e-9 absolute. A notional within ~1e-16 of a tier cap may
/// pick the neighbouring tier; the tiers' maintenance amounts make the margin continuous there, so the results still agree.</para>
/// <para>"No value" is <see cref="double.NaN"/> where the decimal path returns null: no liquidation price (and then no
/// distance), or no margin ratio (margin balance ≤ 0). Thread-safe (pure).</para>
/// </remarks>
public static class MarginBatch
{
    /// <summary>A liquidation price below this fraction of the entry price (or above its inverse) is within the double path's error of 0 (of 1/0) and reported as none.</summary>
    private const double NoPriceBelow = 1e-9;

    /// <summary>Liquidation price, margin ratio and distance to liquidation of isolated positions at their marks.</summary>
    /// <param name="contract">The contract of every position.</param>
    /// <param name="side">Long or short, per position.</param>
    /// <param name="quantity">Position sizes, finite and &gt; 0 (linear: base units; inverse: contracts).</param>
    /// <param name="entryPrice">Entry prices, finite and &gt; 0.</param>
    /// <param name="isolatedMargin">Each position's isolated wallet balance in the settlement asset, finite and ≥ 0.</param>
    /// <param name="markPrice">Mark prices, finite and &gt; 0.</param>
    /// <param name="liquidationPrice">Receives the liquidation price (NaN: none).</param>
    /// <param name="marginRatio">Receives maintenance margin / margin balance (NaN when the balance is ≤ 0).</param>
    /// <param name="distanceToLiquidation">Receives |mark − LP| / mark, negative when already liquidatable (NaN: no LP).</param>
    /// <param name="rule">The rule; the contract's default (<see cref="MarginCalc.DefaultRule"/>) when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule; the message names the parameter and the index of the first bad element.</exception>
    /// <exception cref="ArgumentException">An input's length differs from <paramref name="quantity"/>'s, a destination is shorter, or the rule does not apply to the contract.</exception>
    /// <exception cref="ArgumentException">The rule is one of Bybit's Unified Trading Account rules, which need each position's leverage (use the overload with <c>leverage</c>).</exception>
    public static void Isolated(Contract contract, ReadOnlySpan<Side> side, ReadOnlySpan<double> quantity, ReadOnlySpan<double> entryPrice,
        ReadOnlySpan<double> isolatedMargin, ReadOnlySpan<double> markPrice,
        Span<double> liquidationPrice, Span<double> marginRatio, Span<double> distanceToLiquidation, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        var r = MarginCalc.CheckRule(contract, rule, isolated: true);
        if (BybitRules.CountsNetOfClosingFee(r))
            Preconditions.ThrowArgument(nameof(rule), $"{r} counts the margin above the initial margin net of the closing fee, so it needs each position's leverage: use the overload with leverage");
        Core(contract, r, side, quantity, entryPrice, isolatedMargin, ReadOnlySpan<double>.Empty, markPrice, liquidationPrice, marginRatio, distanceToLiquidation);
    }

    /// <summary>Liquidation price, margin ratio and distance to liquidation of isolated positions at their marks, with each position's leverage.</summary>
    /// <remarks>
    /// The leverage sets the initial margin (entry notional ÷ leverage), which Bybit's Unified Trading Account rules
    /// separate from the margin added above it (divided by 1 ∓ taker fee: <see cref="MarginSnapshot.IsLiquidatable"/>);
    /// the other rules use only the wallet, so for them this equals the overload without leverage.
    /// </remarks>
    /// <param name="contract">The contract of every position.</param>
    /// <param name="side">Long or short, per position.</param>
    /// <param name="quantity">Position sizes, finite and &gt; 0 (linear: base units; inverse: contracts).</param>
    /// <param name="entryPrice">Entry prices, finite and &gt; 0.</param>
    /// <param name="isolatedMargin">Each position's isolated wallet balance in the settlement asset, finite and ≥ 0.</param>
    /// <param name="leverage">Each position's leverage, finite, ≥ 1 and at most the contract's maximum at its entry notional.</param>
    /// <param name="markPrice">Mark prices, finite and &gt; 0.</param>
    /// <param name="liquidationPrice">Receives the liquidation price (NaN: none).</param>
    /// <param name="marginRatio">Receives maintenance margin / margin balance (NaN when the balance is ≤ 0).</param>
    /// <param name="distanceToLiquidation">Receives |mark − LP| / mark, negative when already liquidatable (NaN: no LP).</param>
    /// <param name="rule">The rule; the contract's default (<see cref="MarginCalc.DefaultRule"/>) when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule (a leverage above the tier's maximum included); the message names the parameter and the index of the first bad element.</exception>
    /// <exception cref="ArgumentException">An input's length differs from <paramref name="quantity"/>'s, a destination is shorter, or the rule does not apply to the contract.</exception>
    public static void Isolated(Contract contract, ReadOnlySpan<Side> side, ReadOnlySpan<double> quantity, ReadOnlySpan<double> entryPrice,
        ReadOnlySpan<double> isolatedMargin, ReadOnlySpan<double> leverage, ReadOnlySpan<double> markPrice,
        Span<double> liquidationPrice, Span<double> marginRatio, Span<double> distanceToLiquidation, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        var r = MarginCalc.CheckRule(contract, rule, isolated: true);
        Preconditions.SameLength(leverage.Length, quantity.Length, nameof(leverage), nameof(quantity));
        Core(contract, r, side, quantity, entryPrice, isolatedMargin, leverage, markPrice, liquidationPrice, marginRatio, distanceToLiquidation);
    }

    private static void Core(Contract contract, LiquidationRule r, ReadOnlySpan<Side> side, ReadOnlySpan<double> quantity, ReadOnlySpan<double> entryPrice,
        ReadOnlySpan<double> isolatedMargin, ReadOnlySpan<double> leverage, ReadOnlySpan<double> markPrice,
        Span<double> liquidationPrice, Span<double> marginRatio, Span<double> distanceToLiquidation)
    {
        int n = quantity.Length;
        Preconditions.SameLength(side.Length, n, nameof(side), nameof(quantity));
        Preconditions.SameLength(entryPrice.Length, n, nameof(entryPrice), nameof(quantity));
        Preconditions.SameLength(isolatedMargin.Length, n, nameof(isolatedMargin), nameof(quantity));
        Preconditions.SameLength(markPrice.Length, n, nameof(markPrice), nameof(quantity));
        Preconditions.DestinationLongEnough(liquidationPrice.Length, n, nameof(liquidationPrice));
        Preconditions.DestinationLongEnough(marginRatio.Length, n, nameof(marginRatio));
        Preconditions.DestinationLongEnough(distanceToLiquidation.Length, n, nameof(distanceToLiquidation));
        for (int i = 0; i < n; i++)
        {
            if (side[i] != Side.Long && side[i] != Side.Short) ThrowAt(nameof(side), i, side[i], "must be Long or Short");
        }
        PositiveAt(quantity, nameof(quantity));
        PositiveAt(entryPrice, nameof(entryPrice));
        PositiveAt(markPrice, nameof(markPrice));
        for (int i = 0; i < n; i++)
        {
            if (!(isolatedMargin[i] >= 0) || double.IsPositiveInfinity(isolatedMargin[i]))
                ThrowAt(nameof(isolatedMargin), i, isolatedMargin[i], "must contain finite numbers ≥ 0");
        }

        var table = new Table(contract, r);
        bool linear = contract.Type == ContractType.Linear;
        double size = (double)contract.ContractSize;
        if (!leverage.IsEmpty) LeverageAt(table, linear, size, quantity, entryPrice, leverage);
        // The rule and contract type are the same for every element: one loop per case, each with its branches folded.
        if (r == LiquidationRule.BybitLinear)
            Run(table, linear: true, bybit: true, unified: false, size, side, quantity, entryPrice, isolatedMargin, leverage, markPrice, liquidationPrice, marginRatio, distanceToLiquidation);
        else if (BybitRules.CountsNetOfClosingFee(r))
            Run(table, linear, bybit: false, unified: true, size, side, quantity, entryPrice, isolatedMargin, leverage, markPrice, liquidationPrice, marginRatio, distanceToLiquidation);
        else if (linear)
            Run(table, linear: true, bybit: false, unified: false, size, side, quantity, entryPrice, isolatedMargin, leverage, markPrice, liquidationPrice, marginRatio, distanceToLiquidation);
        else
            Run(table, linear: false, bybit: false, unified: false, size, side, quantity, entryPrice, isolatedMargin, leverage, markPrice, liquidationPrice, marginRatio, distanceToLiquidation);
    }

    /// <summary>Each leverage finite, ≥ 1 and at most the maximum of the tier at the position's entry notional (or size), as <see cref="Position.Open"/> requires.</summary>
    private static void LeverageAt(Table table, bool linear, double size, ReadOnlySpan<double> quantity, ReadOnlySpan<double> entryPrice, ReadOnlySpan<double> leverage)
    {
        for (int i = 0; i < leverage.Length; i++)
        {
            double lev = leverage[i];
            if (!(lev >= 1) || double.IsPositiveInfinity(lev)) ThrowAt(nameof(leverage), i, lev, "must contain finite numbers ≥ 1");
            double qk = quantity[i] * size;
            double notional = linear ? qk * entryPrice[i] : qk / entryPrice[i];
            double max = Math.Min(table.ContractMaxLeverage, table.TierMaxLeverage[table.IndexFor(table.BySize ? qk : notional)]);
            if (lev > max) ThrowAt(nameof(leverage), i, lev, FormattableString.Invariant($"must not exceed the maximum leverage of the position's tier ({max})"));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run(Table table, bool linear, bool bybit, bool unified, double size, ReadOnlySpan<Side> side, ReadOnlySpan<double> quantity,
        ReadOnlySpan<double> entryPrice, ReadOnlySpan<double> isolatedMargin, ReadOnlySpan<double> leverage, ReadOnlySpan<double> markPrice,
        Span<double> liquidationPrice, Span<double> marginRatio, Span<double> distanceToLiquidation)
    {
        int n = quantity.Length;
        double fee = table.Fee;
        double taker = table.Taker;
        for (int i = 0; i < n; i++)
        {
            double s = side[i] == Side.Long ? 1d : -1d;
            double qk = quantity[i] * size;
            double ep = entryPrice[i], wb = isolatedMargin[i], mark = markPrice[i];
            double e = linear ? qk * ep : qk / ep;
            // Bybit's Unified Trading Account: the margin counted is IM + (wallet − IM) ÷ (1 ∓ taker), − for a linear long
            // or an inverse short (BybitRules.CountedMargin); with it, their formulas are the balance equation.
            double counted = wb;
            if (unified)
            {
                double im = e / leverage[i];
                counted = im + ((wb - im) / ((s > 0) == linear ? 1d - taker : 1d + taker));
            }
            double lp = bybit ? Bybit(table, s, qk, ep, e, wb) : Solve(table, linear, s, qk, e, counted);
            // Within the rounding error of 0 (a 1x linear long) or of 1/0 (a 1x inverse short): no liquidation price.
            if (lp <= ep * NoPriceBelow || lp >= ep / NoPriceBelow) lp = double.NaN;
            // Maintenance at the mark (Bybit: at entry), margin balance, ratio, distance: MarginCalc.Isolated's snapshot.
            double notional = bybit ? e : linear ? qk * mark : qk / mark;
            int t = table.IndexFor(table.BySize ? qk : notional);
            double mm = (notional * table.Rate[t]) - table.Cum[t] + (notional * fee); // fee 0 unless OKX/Gate
            double pnl = linear ? s * ((qk * mark) - e) : s * (e - (qk / mark));
            double mb = wb + pnl;
            liquidationPrice[i] = lp;
            marginRatio[i] = mb > 0 ? mm / mb : double.NaN;
            double d = Math.Abs(mark - lp) / mark;
            distanceToLiquidation[i] = counted + pnl <= mm ? -d : d; // NaN stays NaN; counted = wb but for Bybit's UTA rules
        }
    }

    /// <summary>The contract's tiers as doubles, with the rule's fee (OKX/Gate add the taker fee to the rate).</summary>
    private sealed class Table
    {
        public Table(Contract c, LiquidationRule r)
        {
            // The tier table's own double copies (MarginTierTable converts them once per table).
            var tiers = c.Tiers;
            int count = tiers.Count;
            double[] cap = tiers.CapD;
            Rate = tiers.RateD; Cum = tiers.CumD;
            Fee = r == LiquidationRule.OkxGate ? (double)c.TakerFeeRate : 0d;
            Taker = (double)c.TakerFeeRate;
            TierMaxLeverage = tiers.MaxLeverageD;
            ContractMaxLeverage = (double)c.MaxLeverage;
            BySize = c.Tiers.Basis == TierBasis.Quantity;
            // Every cap but the last, and the maintenance (with the rule's fee) at it in the tier that ends there.
            int inner = count - 1;
            InnerCap = new double[inner];
            MmAtCap = new double[inner];
            for (int i = 0; i < inner; i++)
            {
                InnerCap[i] = cap[i];
                MmAtCap[i] = (cap[i] * (Rate[i] + Fee)) - Cum[i];
            }
        }

        private const int Lanes = 4;
        /// <summary>Maintenance rate and amount per tier (shared with the tier table: read only).</summary>
        public readonly double[] Rate, Cum;
        private readonly double[] InnerCap, MmAtCap;

        /// <summary>
        /// The number of caps below the root of the one-leg balance equation: caps j with <c>σ·(b + σ·cap_j − MM(cap_j)) &lt; 0</c>
        /// (see <see cref="Solve"/>), counted four caps at a time without branches.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int CapsBelowRoot(double sigma, double b)
        {
            var cap = InnerCap;
            var mm = MmAtCap;
            int k = 0, j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Whole vectors (loads stay inside the arrays); the scalar loop below counts the rest.
                ref double capRef = ref MemoryMarshal.GetArrayDataReference(cap);
                ref double mmRef = ref MemoryMarshal.GetArrayDataReference(mm);
                var vs = Vector256.Create(sigma);
                var vb = Vector256.Create(b);
                for (; j + Lanes <= cap.Length; j += Lanes)
                {
                    var h = vs * (vb + (vs * Vector256.LoadUnsafe(ref capRef, (nuint)j)) - Vector256.LoadUnsafe(ref mmRef, (nuint)j));
                    k += BitOperations.PopCount(Vector256.LessThan(h, Vector256<double>.Zero).ExtractMostSignificantBits());
                }
            }
            for (; j < cap.Length; j++) k += sigma * (b + (sigma * cap[j]) - mm[j]) < 0 ? 1 : 0;
            return k;
        }
        public readonly double Fee;
        /// <summary>The contract's taker fee rate (Bybit's Unified Trading Account rules count extra margin net of it).</summary>
        public readonly double Taker;
        /// <summary>Maximum leverage per tier (shared with the tier table: read only) and the contract's own cap.</summary>
        public readonly double[] TierMaxLeverage;
        public readonly double ContractMaxLeverage;
        /// <summary>The tiers bound the position size (OKX), not the notional.</summary>
        public readonly bool BySize;

        /// <summary>The first tier whose cap the notional does not exceed (the last above every cap), as MarginTierTable.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int IndexFor(double notional)
        {
            // Caps ascend, so the first cap ≥ notional is the count of caps below it: counted without branches (a book's
            // positions fall in tiers at random, which a branching scan mispredicts). The last tier takes the rest.
            var cap = InnerCap;
            int k = 0, j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Whole vectors; the scalar loop below counts the rest.
                ref double capRef = ref MemoryMarshal.GetArrayDataReference(cap);
                var v = Vector256.Create(notional);
                for (; j + Lanes <= cap.Length; j += Lanes)
                    k += BitOperations.PopCount(Vector256.GreaterThan(v, Vector256.LoadUnsafe(ref capRef, (nuint)j)).ExtractMostSignificantBits());
            }
            for (; j < cap.Length; j++) k += notional > cap[j] ? 1 : 0;
            return k;
        }
    }

    /// <summary>
    /// Engine's one-leg solve in double, without its iteration: the tier of the liquidation notional is read directly from
    /// the sign of the balance equation at each tier cap, then the liquidation price is solved once with that tier.
    /// </summary>
    /// <remarks>
    /// With N the notional (linear N = Qk·P, inverse N = Qk/P) the balance equation of one leg is
    /// <c>f(N) = WB + σ·(N − E) − (N·m − cum)</c>, σ = s for linear and −s for inverse (Binance FAQ formulas, as in
    /// <see cref="MarginCalc"/>). Its slope σ − m keeps the sign of σ (m &lt; 1), and MM is continuous at each cap (the
    /// tiers' cum), so f has one root N*, and N* lies above cap j exactly when <c>σ·f(cap_j) &lt; 0</c>. The root's tier is
    /// the count of such caps — the tier at which the decimal path's iteration stops — found with no division and no
    /// data-dependent branch: <c>f(cap_j) = (WB − σ·E) + σ·cap_j − MM(cap_j)</c> with <c>MM(cap_j)</c> precomputed per table.
    /// Then <c>P = (WB + cum − s·E) / (Qk·m − s·Qk)</c> (linear) or <c>(Qk·m + s·Qk) / (WB + cum + s·E)</c> (inverse).
    /// </remarks>
    private static double Solve(Table table, bool linear, double s, double qk, double e, double wb)
    {
        int k;
        if (table.BySize)
        {
            // Tiers bounded by the position size (OKX) fix the tier whatever the price: no search.
            k = table.IndexFor(qk);
        }
        else
        {
            double sigma = linear ? s : -s;
            k = table.CapsBelowRoot(sigma, wb - (sigma * e));
        }
        double m = table.Rate[k] + table.Fee, cum = table.Cum[k];
        double num = linear ? wb + cum - (s * e) : (qk * m) + (s * qk);
        double den = linear ? (qk * m) - (s * qk) : wb + cum + (s * e);
        // Not positive (or NaN): Run turns every price at or below ep·NoPriceBelow into NaN.
        return num / den;
    }

    /// <summary>MarginCalc.BybitLiquidation in double: LP = EP ∓ (margin − MM at entry) / q.</summary>
    private static double Bybit(Table table, double s, double qk, double ep, double e, double wb)
    {
        int t = table.IndexFor(e);
        double mm = (e * table.Rate[t]) - table.Cum[t];
        // Not positive: Run turns it into NaN (every price at or below ep·NoPriceBelow).
        return ep - (s * ((wb - mm) / qk));
    }

    private static void PositiveAt(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v > 0) || double.IsPositiveInfinity(v)) ThrowAt(paramName, i, v, "must contain finite numbers > 0");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowAt(string paramName, int index, object value, string rule) =>
        throw new ArgumentOutOfRangeException(paramName, value,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{paramName} {rule}; index {index} is {value}."));
}
