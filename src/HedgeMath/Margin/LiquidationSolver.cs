using System.Runtime.CompilerServices;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>
/// The allocation-free core of the liquidation solvers: one symbol's legs (one position, or the long and short legs
/// of hedge mode) against a balance that already holds every other position's PnL and maintenance margin.
/// </summary>
/// <remarks>
/// Written with the per-position constants Qk = q·size and E = entry notional (linear q·size·EP, inverse q·size/EP)
/// so that each candidate costs a few multiplies and one divide, and signs are applied by negation, not by
/// multiplying with ±1.
/// </remarks>
internal static class LiquidationSolver
{
    /// <summary>
    /// Solves <c>balance + Σ PnL_i(P) = Σ MM_i(P)</c> for the mark price P, with the tier of each leg taken at the
    /// notional at P (iterated until stable). Returns null when no positive price solves it.
    /// </summary>
    /// <remarks>
    /// Linear: <c>P = (balance + Σcum − Σ s·E) / (Σ Qk·m − Σ s·Qk)</c>. Inverse:
    /// <c>P = (Σ Qk·m + Σ s·Qk) / (balance + Σcum + Σ s·E)</c>. m = MMR (+ taker fee for OKX/Gate).
    /// </remarks>
    public static decimal? Solve(LiquidationRule rule, Position a, Position? b, decimal balance, decimal startPrice, out int tierA, out int tierB)
    {
        var table = a.Contract.Tiers;
        int startA = table.IndexFor(a.TierKeyAt(startPrice));
        // Two legs ignore the start tiers (SolveTwoLegs solves every segment).
        return Solve(rule, a, b, balance, startA, 0, out tierA, out tierB);
    }

    /// <summary>As <see cref="Solve(LiquidationRule, Position, Position?, decimal, decimal, out int, out int)"/>, starting from given tier indexes.</summary>
    /// <remarks>
    /// One leg: the balance equation is monotone in the price (linear slope <c>s·Qk − Qk·MMR</c> keeps the sign of s;
    /// inverse likewise in 1/P), so there is one root, and the iteration climbs to it: each tier's root is a lower
    /// (long) / upper (short) bound of the true one because MM is the maximum of the tiers' linear pieces.
    /// Two hedge-mode legs: the equation is concave and may have a root below and one above the mark (a nearly
    /// hedged book is liquidated on a fall or, once the maintenance of both legs outgrows the net PnL, on a rise);
    /// every tier segment is solved and the root nearest to <paramref name="referencePrice"/> is returned.
    /// </remarks>
    public static decimal? Solve(LiquidationRule rule, Position a, Position? b, decimal balance, int startA, int startB, out int tierA, out int tierB,
        decimal referencePrice = 0m)
    {
        if (b is not null) return SolveTwoLegs(rule, a, b, balance, referencePrice, out tierA, out tierB);
        var c = a.Contract;
        var table = c.Tiers;
        decimal fee = rule == LiquidationRule.OkxGate ? c.TakerFeeRate : 0m;
        // One leg from here on (two legs returned above): only tierA moves.
        tierA = startA;
        tierB = startB;
        decimal? p = null;
        int limit = table.Count + 3;
        for (int iter = 0; iter < limit; iter++)
        {
            p = Candidate(a, null, balance, fee, table[tierA], null);
            int next;
            if (p is not { } price)
            {
                // No positive root with this tier: the liquidation notional would be 0 (linear P → 0, inverse P → ∞),
                // which is the first tier. Retry there; if it gives none either, there is no liquidation price.
                if (tierA == 0) return null;
                next = 0;
            }
            else
            {
                next = table.IndexFor(a.TierKeyAt(price));
                if (next == tierA) return p;
            }
            tierA = next;
        }
        return p;
    }

    /// <summary>
    /// One leg (an isolated position, or a one-way cross position against the rest of its account): the iteration of
    /// <see cref="Solve(LiquidationRule, Position, Position?, decimal, int, int, out int, out int, decimal)"/>, step for
    /// step and with the same decimal result, but each step's tier decision is first made in <see cref="double"/>
    /// (<see cref="Predict"/>); when an error bound proves it equals the decimal decision, the decimal work of a step
    /// that does not return is skipped and the returning step's re-check costs no decimal multiply or compare.
    /// </summary>
    /// <remarks>
    /// Same balance equation as <see cref="Solve(LiquidationRule, Position, Position?, decimal, int, int, out int, out int, decimal)"/>
    /// (Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Contracts" / "Liquidation Price of COIN-M Futures"):
    /// linear <c>P = (WB + cum − s·E) / (Qk·m − s·Qk)</c>, inverse <c>P = (Qk·m + s·Qk) / (WB + cum + s·E)</c>.
    /// <paramref name="balanceD"/> is <paramref name="balance"/> as a double (only guides; never a result).
    /// <para>No zeroed locals (<c>SkipLocalsInit</c>): the inlined decimal operations leave ~670 bytes of struct temporaries
    /// that the runtime would otherwise clear on every call, about 15% of an isolated liquidation price. C#'s definite
    /// assignment still holds (no <c>stackalloc</c> here), so nothing reads an unwritten local.</para>
    /// </remarks>
    [SkipLocalsInit]
    public static decimal? SolveOne(LiquidationRule rule, Position a, decimal balance, double balanceD, int start, out int tier)
    {
        var c = a.Contract;
        var table = c.Tiers;
        // A size-basis table (OKX) fixes the tier whatever the price, and Predict reasons about notional caps:
        // the general iteration settles it in one step.
        if (table.Basis == TierBasis.Quantity) return Solve(rule, a, null, balance, start, 0, out tier, out _);
        var tiers = table.Array;
        bool okx = rule == LiquidationRule.OkxGate;
        decimal fee = okx ? c.TakerFeeRate : 0m;
        double feeD = okx ? (double)fee : 0d;
        int t = start;
        decimal? p = null;
        int limit = tiers.Length + 3;
        for (int iter = 0; iter < limit; iter++)
        {
            int predicted = Predict(table, a, balanceD, feeD, t);
            if (iter < limit - 1)
            {
                // A step that certainly does not return: its decimal candidate would only be overwritten.
                if (predicted >= 0 && predicted != t) { t = predicted; continue; }
                if (predicted == NoRoot)
                {
                    if (t == 0) { tier = 0; return null; }
                    t = 0;
                    continue;
                }
            }
            // The decimal step, operation for operation as Candidate (an added 0 — no fee, a tier without cum — is skipped:
            // x + 0 is x exactly, with the same scale or, for cum, a value-equal one).
            var tr = tiers[t];
            bool cumZero = table.CumD[t] == 0d;
            decimal m = okx ? tr.MaintenanceMarginRate + fee : tr.MaintenanceMarginRate;
            decimal num, den;
            // DecimalFast: the runtime's + bit for bit, faster for the short mantissas of real positions.
            if (a.IsLinear)
            {
                var se = a.IsLong ? -a.EntryValue : a.EntryValue;
                num = cumZero ? DecimalFast.Add(balance, se) : DecimalFast.Add(DecimalFast.Add(balance, tr.MaintenanceAmount), se);
                den = DecimalFast.Add(a.Qk * m, a.IsLong ? -a.Qk : a.Qk);
            }
            else
            {
                num = DecimalFast.Add(a.Qk * m, a.IsLong ? a.Qk : -a.Qk);
                var se = a.IsLong ? a.EntryValue : -a.EntryValue;
                den = cumZero ? DecimalFast.Add(balance, se) : DecimalFast.Add(DecimalFast.Add(balance, tr.MaintenanceAmount), se);
            }
            int next;
            if ((p = MarginCalc.PositivePrice(num, den)) is null)
            {
                if (t == 0) { tier = 0; return null; }
                next = 0;
            }
            else
            {
                next = predicted >= 0 ? predicted : table.IndexFor(a.NotionalAt(p.GetValueOrDefault()));
                if (next == t) { tier = t; return p; }
            }
            t = next;
        }
        tier = t;
        return p;
    }

    /// <summary><see cref="Predict"/>: no tier decision could be proven in double; take the decimal step.</summary>
    private const int Unknown = -1;
    /// <summary><see cref="Predict"/>: the step's candidate is certainly not a positive price (decimal Candidate gives null).</summary>
    private const int NoRoot = -2;

    /// <summary>
    /// The tier the decimal step at tier <paramref name="t"/> moves to (the tier holding the notional at its candidate
    /// price), when a double evaluation proves it; <see cref="NoRoot"/> when the candidate is proven not positive;
    /// <see cref="Unknown"/> otherwise.
    /// </summary>
    /// <remarks>
    /// Error bound: every input is converted from decimal with a relative error of a few units of 2⁻⁵³ (≈1.1e-16), and
    /// num and den are sums of at most three such terms, so each is within <c>K·Σ|terms|</c> of its decimal value with
    /// K = 1e-14 (about 45 ulps; decimal's own rounding, ≤ 1e-27 relative, is far below). Their signs are certain when
    /// |value| &gt; 2·bound; the price's relative error is then at most bound/|num| + bound/|den| plus 1e-15, and the
    /// tier is certain when the notional, widened by that error (and the caps by their conversion error), stays strictly
    /// inside one tier. Magnitudes are limited (price in [1e-6, 1e18], every term and the notional ≤ 1e26, notional
    /// ≥ 1e-6) so that the skipped decimal operations could not have overflowed or lost precision.
    /// </remarks>
    private static int Predict(MarginTierTable table, Position a, double balanceD, double feeD, int t)
    {
        const double K = 1e-14, MaxTerm = 1e26;
        double m = table.RateD[t] + feeD, cum = table.CumD[t];
        double qk = a.QkD, e = a.EntryValueD;
        double qm = qk * m;
        double lin = Math.Abs(balanceD) + cum + e, mul = qm + qk;
        double bal = balanceD + cum;
        double num, den, errNum, errDen;
        if (a.IsLinear)
        {
            num = a.IsLong ? bal - e : bal + e;
            den = a.IsLong ? qm - qk : qm + qk;
            errNum = K * lin; errDen = K * mul;
        }
        else
        {
            num = a.IsLong ? qm + qk : qm - qk;
            den = a.IsLong ? bal + e : bal - e;
            errNum = K * mul; errDen = K * lin;
        }
        if (!(lin < MaxTerm && mul < MaxTerm)) return Unknown; // also NaN
        double an = Math.Abs(num), ad = Math.Abs(den);
        if (!(an > 2 * errNum && ad > 2 * errDen)) return Unknown;
        double price = num / den;
        if (price < 0) return NoRoot;
        if (!(price >= 1e-6 && price <= 1e18)) return Unknown;
        double notional = a.IsLinear ? qk * price : qk / price;
        if (!(notional >= 1e-6 && notional <= MaxTerm)) return Unknown;
        double r = (errNum / an) + (errDen / ad) + 1e-15;
        double hi = notional * (1 + r), lo = notional * (1 - r);
        var caps = table.CapD;
        int last = caps.Length - 1;
        int k = 0;
        while (k < last && notional > caps[k]) k++;
        const double CapErr = 1e-15;
        if (k < last && !(hi < caps[k] * (1 - CapErr))) return Unknown;
        if (k > 0 && !(lo > caps[k - 1] * (1 + CapErr))) return Unknown;
        return k;
    }

    private static decimal? SolveTwoLegs(LiquidationRule rule, Position a, Position b, decimal balance, decimal referencePrice, out int tierA, out int tierB)
    {
        var table = a.Contract.Tiers;
        decimal fee = rule == LiquidationRule.OkxGate ? a.Contract.TakerFeeRate : 0m;
        // A size-basis table (OKX) fixes each leg's tier whatever the price: no breaks between segments.
        int nCaps = table.Basis == TierBasis.Quantity ? 0 : table.Count - 1;
        // Prices at which either leg's notional crosses a tier cap: linear P = cap/Qk, inverse P = Qk/cap.
        Span<decimal> breaks = nCaps * 2 <= 64 ? stackalloc decimal[nCaps * 2] : new decimal[nCaps * 2];
        int nb = 0;
        for (int i = 0; i < nCaps; i++)
        {
            var cap = table[i].NotionalCap;
            if (a.IsLinear)
            {
                if (TryDiv(cap, a.Qk, out var pa)) breaks[nb++] = pa;
                if (TryDiv(cap, b.Qk, out var pb)) breaks[nb++] = pb;
            }
            else
            {
                if (TryDiv(a.Qk, cap, out var pa)) breaks[nb++] = pa;
                if (TryDiv(b.Qk, cap, out var pb)) breaks[nb++] = pb;
            }
        }
        breaks = breaks[..nb];
        breaks.Sort();
        decimal? best = null;
        tierA = 0; tierB = 0;
        decimal lo = 0m;
        for (int k = 0; k <= nb; k++)
        {
            decimal hi = k < nb ? breaks[k] : decimal.MaxValue;
            if (hi <= lo) continue;
            // A price inside the segment fixes both legs' tiers there.
            decimal probe = k < nb ? lo + (hi - lo) / 2m : (lo == 0m ? 1m : lo * 2m);
            int ta = table.IndexFor(a.TierKeyAt(probe));
            int tb = table.IndexFor(b.TierKeyAt(probe));
            var p = Candidate(a, b, balance, fee, table[ta], table[tb]);
            if (p is { } root && root >= lo && root <= hi
                && (best is null || Math.Abs(root - referencePrice) < Math.Abs(best.Value - referencePrice)))
            {
                best = root; tierA = ta; tierB = tb;
            }
            lo = hi;
        }
        return best;
    }

    private static bool TryDiv(decimal x, decimal y, out decimal q)
    {
        try { q = x / y; return q > 0m; }
        catch (OverflowException) { q = 0m; return false; }
    }

    private static decimal? Candidate(Position a, Position? b, decimal balance, decimal fee, MarginTier ta, MarginTier? tb)
    {
        decimal num, den;
        if (a.IsLinear)
        {
            // num = balance + Σcum − Σ s·E ; den = Σ Qk·m − Σ s·Qk
            num = balance + ta.MaintenanceAmount + (a.IsLong ? -a.EntryValue : a.EntryValue);
            den = a.Qk * (ta.MaintenanceMarginRate + fee) + (a.IsLong ? -a.Qk : a.Qk);
            if (b is not null)
            {
                num += tb!.MaintenanceAmount + (b.IsLong ? -b.EntryValue : b.EntryValue);
                den += b.Qk * (tb.MaintenanceMarginRate + fee) + (b.IsLong ? -b.Qk : b.Qk);
            }
        }
        else
        {
            // num = Σ Qk·m + Σ s·Qk ; den = balance + Σcum + Σ s·E
            num = a.Qk * (ta.MaintenanceMarginRate + fee) + (a.IsLong ? a.Qk : -a.Qk);
            den = balance + ta.MaintenanceAmount + (a.IsLong ? a.EntryValue : -a.EntryValue);
            if (b is not null)
            {
                num += b.Qk * (tb!.MaintenanceMarginRate + fee) + (b.IsLong ? b.Qk : -b.Qk);
                den += tb.MaintenanceAmount + (b.IsLong ? b.EntryValue : -b.EntryValue);
            }
        }
        return MarginCalc.PositivePrice(num, den);
    }

    /// <summary>
    /// Numerator and denominator of the price at which <c>balance + Σ PnL_i(P) = 0</c> (divided only when the
    /// snapshot's bankruptcy price is read).
    /// </summary>
    public static void BankruptcyTerms(Position a, Position? b, decimal balance, out decimal num, out decimal den)
    {
        // Linear: balance + Σ s·(Qk·P − E) = 0  →  P = (Σ s·E − balance) / Σ s·Qk
        // Inverse: balance + Σ s·(E − Qk/P) = 0  →  P = Σ s·Qk / (balance + Σ s·E)
        decimal sq = a.IsLong ? a.Qk : -a.Qk;
        decimal se = a.IsLong ? a.EntryValue : -a.EntryValue;
        if (b is not null)
        {
            sq = DecimalFast.Add(sq, b.IsLong ? b.Qk : -b.Qk);
            se = DecimalFast.Add(se, b.IsLong ? b.EntryValue : -b.EntryValue);
        }
        if (a.IsLinear) { num = DecimalFast.Subtract(se, balance); den = sq; }
        else { num = sq; den = DecimalFast.Add(balance, se); }
    }

    /// <summary>The maintenance margin as a rule measures it for a notional at the mark, and the tier index used.</summary>
    public static decimal Maintenance(LiquidationRule rule, Position p, decimal notionalAtMark, out int tierIndex)
    {
        var c = p.Contract;
        var notional = rule == LiquidationRule.BybitLinear ? p.EntryValue : notionalAtMark;
        var table = c.Tiers;
        tierIndex = table.IndexFor(table.Key(notional, p.Qk));
        var tier = table[tierIndex];
        // A tier without cum: notional·MMR − 0 is notional·MMR (value-equal), so the subtraction is skipped.
        var mm = tier.MaintenanceMarginFast(notional, table.CumD[tierIndex] == 0d);
        return rule == LiquidationRule.OkxGate ? mm + c.FeeUnchecked(notional, maker: false) : mm;
    }

    /// <summary>The maintenance margin a rule requires at a given liquidation price (for the solvers).</summary>
    public static decimal MaintenanceAt(LiquidationRule rule, Contract c, decimal quantity, decimal entryPrice, decimal price, out MarginTier tier)
    {
        var notional = rule == LiquidationRule.BybitLinear ? c.NotionalUnchecked(quantity, entryPrice) : c.NotionalUnchecked(quantity, price);
        tier = c.Tiers.TierFor(c.Tiers.Key(notional, c.CoinsOf(quantity)));
        var mm = tier.MaintenanceMarginUnchecked(notional);
        return rule == LiquidationRule.OkxGate ? mm + c.FeeUnchecked(notional, maker: false) : mm;
    }
}
