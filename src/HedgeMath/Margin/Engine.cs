using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>
/// The allocation-free core of the liquidation solvers: one symbol's legs (one position, or the long and short legs
/// of hedge mode) against a balance that already holds every other position's PnL and maintenance margin.
/// </summary>
internal static class Engine
{
    /// <summary>
    /// Solves the balance equation <c>balance + Σ PnL_i(P) = Σ MM_i(P)</c> for the mark price P, with the tier of each leg
    /// taken at the notional at P (iterated until stable). Returns null when no positive price solves it.
    /// </summary>
    /// <remarks>
    /// Linear: <c>P = (balance + Σcum − Σ s·q·k·EP) / (Σ q·k·m − Σ s·q·k)</c>. Inverse (Q = q·k USD):
    /// <c>P = (Σ Q·m + Σ s·Q) / (balance + Σcum + Σ s·Q/EP)</c>. m = MMR (+ taker fee for OKX/Gate).
    /// </remarks>
    public static decimal? Solve(LiquidationRule rule, Position a, Position? b, decimal balance, decimal startPrice, out int tierA, out int tierB)
    {
        var c = a.Contract;
        var table = c.Tiers;
        decimal fee = rule == LiquidationRule.OkxGate ? c.TakerFeeRate : 0m;
        tierA = table.IndexFor(c.NotionalUnchecked(a.Quantity, startPrice));
        tierB = b is null ? 0 : table.IndexFor(b.Contract.NotionalUnchecked(b.Quantity, startPrice));
        decimal? p = null;
        int limit = table.Count + 3;
        for (int iter = 0; iter < limit; iter++)
        {
            p = Candidate(a, b, balance, fee, tierA, tierB);
            int nextA, nextB;
            if (p is not { } price)
            {
                // No positive root with these tiers: the liquidation notional would be 0 (linear P → 0, inverse P → ∞),
                // which is tier 1. Retry there once; if tier 1 gives none either, there is no liquidation price.
                if (tierA == 0 && tierB == 0) return null;
                nextA = 0; nextB = 0;
            }
            else
            {
                nextA = table.IndexFor(c.NotionalUnchecked(a.Quantity, price));
                nextB = b is null ? 0 : table.IndexFor(b.Contract.NotionalUnchecked(b.Quantity, price));
                if (nextA == tierA && nextB == tierB) return p;
            }
            tierA = nextA; tierB = nextB;
        }
        return p;
    }

    private static decimal? Candidate(Position a, Position? b, decimal balance, decimal fee, int tierA, int tierB)
    {
        var c = a.Contract;
        var ta = c.Tiers[tierA];
        if (c.Type == ContractType.Linear)
        {
            var k = c.ContractSize;
            var qa = a.Quantity * k;
            var num = balance + ta.MaintenanceAmount - a.Sign * qa * a.EntryPrice;
            var den = qa * (ta.MaintenanceMarginRate + fee) - a.Sign * qa;
            if (b is not null)
            {
                var tb = c.Tiers[tierB];
                var qb = b.Quantity * k;
                num += tb.MaintenanceAmount - b.Sign * qb * b.EntryPrice;
                den += qb * (tb.MaintenanceMarginRate + fee) - b.Sign * qb;
            }
            if (den == 0m) return null;
            var p = num / den;
            return p > 0m ? p : null;
        }
        else
        {
            var k = c.ContractSize;
            var qa = a.Quantity * k;
            var num = qa * (ta.MaintenanceMarginRate + fee) + a.Sign * qa;
            var den = balance + ta.MaintenanceAmount + a.Sign * qa / a.EntryPrice;
            if (b is not null)
            {
                var tb = c.Tiers[tierB];
                var qb = b.Quantity * k;
                num += qb * (tb.MaintenanceMarginRate + fee) + b.Sign * qb;
                den += tb.MaintenanceAmount + b.Sign * qb / b.EntryPrice;
            }
            if (den == 0m) return null;
            var p = num / den;
            return p > 0m ? p : null;
        }
    }

    /// <summary>The price at which <c>balance + Σ PnL_i(P) = 0</c>; null when no positive price does.</summary>
    public static decimal? Bankruptcy(Position a, Position? b, decimal balance)
    {
        var c = a.Contract;
        var k = c.ContractSize;
        if (c.Type == ContractType.Linear)
        {
            // balance + Σ s·q·k·(P − EP) = 0  →  P = (Σ s·q·k·EP − balance) / Σ s·q·k
            var sq = a.Sign * a.Quantity * k;
            var sqe = sq * a.EntryPrice;
            if (b is not null) { var sb = b.Sign * b.Quantity * k; sq += sb; sqe += sb * b.EntryPrice; }
            if (sq == 0m) return null;
            var p = (sqe - balance) / sq;
            return p > 0m ? p : null;
        }
        else
        {
            // balance + Σ s·Q·(1/EP − 1/P) = 0  →  P = Σ s·Q / (balance + Σ s·Q/EP)
            var sq = a.Sign * a.Quantity * k;
            var den = balance + sq / a.EntryPrice;
            if (b is not null) { var sb = b.Sign * b.Quantity * k; sq += sb; den += sb / b.EntryPrice; }
            if (den == 0m) return null;
            var p = sq / den;
            return p > 0m ? p : null;
        }
    }

    /// <summary>The maintenance margin as a rule measures it at a mark, and the tier used.</summary>
    public static decimal Maintenance(LiquidationRule rule, Position p, decimal markPrice, out MarginTier tier)
    {
        var c = p.Contract;
        if (rule == LiquidationRule.BybitLinear)
        {
            var entryNotional = c.NotionalUnchecked(p.Quantity, p.EntryPrice);
            tier = c.Tiers.TierFor(entryNotional);
            return tier.MaintenanceMargin(entryNotional);
        }
        var notional = c.NotionalUnchecked(p.Quantity, markPrice);
        tier = c.Tiers.TierFor(notional);
        var mm = tier.MaintenanceMargin(notional);
        return rule == LiquidationRule.OkxGate ? mm + notional * c.TakerFeeRate : mm;
    }

    /// <summary>The maintenance margin a rule requires at a given liquidation price (for the solvers).</summary>
    public static decimal MaintenanceAt(LiquidationRule rule, Contract c, decimal quantity, decimal entryPrice, decimal price, out MarginTier tier)
    {
        if (rule == LiquidationRule.BybitLinear)
        {
            var entryNotional = c.NotionalUnchecked(quantity, entryPrice);
            tier = c.Tiers.TierFor(entryNotional);
            return tier.MaintenanceMargin(entryNotional);
        }
        var notional = c.NotionalUnchecked(quantity, price);
        tier = c.Tiers.TierFor(notional);
        var mm = tier.MaintenanceMargin(notional);
        return rule == LiquidationRule.OkxGate ? mm + notional * c.TakerFeeRate : mm;
    }
}
