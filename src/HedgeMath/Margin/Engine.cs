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
internal static class Engine
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
        int startB = b is null ? 0 : table.IndexFor(b.TierKeyAt(startPrice));
        return Solve(rule, a, b, balance, startA, startB, out tierA, out tierB);
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
        tierA = startA;
        tierB = startB;
        decimal? p = null;
        int limit = table.Count + 3;
        for (int iter = 0; iter < limit; iter++)
        {
            p = Candidate(a, b, balance, fee, table[tierA], b is null ? null : table[tierB]);
            int nextA, nextB;
            if (p is not { } price)
            {
                // No positive root with these tiers: the liquidation notional would be 0 (linear P → 0, inverse P → ∞),
                // which is the first tier. Retry there; if it gives none either, there is no liquidation price.
                if (tierA == 0 && tierB == 0) return null;
                nextA = 0; nextB = 0;
            }
            else
            {
                nextA = table.IndexFor(a.TierKeyAt(price));
                nextB = b is null ? 0 : table.IndexFor(b.TierKeyAt(price));
                if (nextA == tierA && nextB == tierB) return p;
            }
            tierA = nextA; tierB = nextB;
        }
        return p;
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
        if (den == 0m) return null;
        var p = num / den;
        return p > 0m ? p : null;
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
            sq += b.IsLong ? b.Qk : -b.Qk;
            se += b.IsLong ? b.EntryValue : -b.EntryValue;
        }
        if (a.IsLinear) { num = se - balance; den = sq; }
        else { num = sq; den = balance + se; }
    }

    /// <summary>The maintenance margin as a rule measures it for a notional at the mark, and the tier index used.</summary>
    public static decimal Maintenance(LiquidationRule rule, Position p, decimal notionalAtMark, out int tierIndex)
    {
        var c = p.Contract;
        var notional = rule == LiquidationRule.BybitLinear ? p.EntryValue : notionalAtMark;
        tierIndex = c.Tiers.IndexFor(c.Tiers.Key(notional, p.Qk));
        var tier = c.Tiers[tierIndex];
        var mm = notional * tier.MaintenanceMarginRate - tier.MaintenanceAmount;
        return rule == LiquidationRule.OkxGate ? mm + notional * c.TakerFeeRate : mm;
    }

    /// <summary>The maintenance margin a rule requires at a given liquidation price (for the solvers).</summary>
    public static decimal MaintenanceAt(LiquidationRule rule, Contract c, decimal quantity, decimal entryPrice, decimal price, out MarginTier tier)
    {
        var notional = rule == LiquidationRule.BybitLinear ? c.NotionalUnchecked(quantity, entryPrice) : c.NotionalUnchecked(quantity, price);
        tier = c.Tiers.TierFor(c.Tiers.Key(notional, quantity * c.ContractSize));
        var mm = notional * tier.MaintenanceMarginRate - tier.MaintenanceAmount;
        return rule == LiquidationRule.OkxGate ? mm + notional * c.TakerFeeRate : mm;
    }
}
