using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of the margin hot paths as they were before issue 15 (commit baa14ae): <c>MarginCalc.LiquidationPrice</c>
/// (isolated), <c>MarginCalc.Cross</c> and the solver core of <c>Engine</c>. The benchmarks' baseline. Do not optimise.
/// </summary>
internal static class MarginV1
{
    public static decimal? LiquidationPrice(Position position, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(position);
        if (position.MarginMode != MarginMode.Isolated)
            Preconditions.ThrowArgument(nameof(position), "must be isolated; use MarginCalc.Cross for a cross position");
        var r = MarginCalc.CheckRule(position.Contract, rule, isolated: true);
        try
        {
            return r == LiquidationRule.BybitLinear
                ? BybitLiquidation(position, out _)
                : Solve(r, position, null, position.IsolatedMargin, position.Contract.Tiers.IndexFor(position.EntryValue), 0, out _, out _);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(position), position, ex); return null; }
    }

    /// <summary>The margin picture of an isolated position at a mark price.</summary>
    /// <param name="position">The isolated position; its <see cref="Position.IsolatedMargin"/> is the wallet balance.</param>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <param name="rule">The rule; the contract's default (<see cref="DefaultRule"/>) when null.</param>
    /// <returns>Initial and maintenance margin, tiers, margin balance and ratio, liquidation and bankruptcy prices, distance to liquidation.</returns>

    public static CrossMarginSnapshot Cross(CrossAccount account, IReadOnlyDictionary<string, decimal> markPrices, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(account);
        Preconditions.NotNull(markPrices);
        var positions = account.Positions;
        int n = positions.Length;
        LiquidationRule r = rule ?? (n > 0 ? MarginCalc.DefaultRule(positions[0].Contract) : LiquidationRule.BinanceUsdM);
        var marks = new decimal[n];
        var notionals = new decimal[n];
        var mms = new decimal[n];
        var upnls = new decimal[n];
        var ims = new decimal[n];
        var tiers = new int[n];
        for (int i = 0; i < n; i++)
        {
            MarginCalc.CheckRule(positions[i].Contract, r, isolated: false);
            marks[i] = Mark(markPrices, positions[i].Contract.Symbol);
        }
        try
        {
            decimal totalMm = 0m, totalUpnl = 0m, totalIm = 0m;
            for (int i = 0; i < n; i++)
            {
                var p = positions[i];
                notionals[i] = p.NotionalAt(marks[i]);
                mms[i] = Maintenance(r, p, notionals[i], out tiers[i]);
                upnls[i] = p.PnlAt(marks[i]);
                totalMm += mms[i];
                totalUpnl += upnls[i];
                ims[i] = notionals[i] / p.Leverage;
                totalIm += ims[i];
            }
            var wb = account.WalletBalance;
            var mb = wb + totalUpnl;
            decimal? ratio = mb > 0m ? totalMm / mb : null;
            var snapshots = ImmutableArray.CreateBuilder<MarginSnapshot>(n);
            for (int i = 0; i < n; i++)
            {
                var p = positions[i];
                // Hedge mode: the other leg on the same symbol moves with the same price (CrossAccount guarantees at
                // most one per symbol and side; one-way mode has none).
                int sibling = -1;
                if (account.PositionMode == PositionMode.Hedge)
                {
                    for (int j = 0; j < n; j++)
                    {
                        if (j != i && positions[j].Contract.Symbol == p.Contract.Symbol) { sibling = j; break; }
                    }
                }
                var otherMm = totalMm - mms[i];
                var otherUpnl = totalUpnl - upnls[i];
                Position? sib = null;
                if (sibling >= 0) { otherMm -= mms[sibling]; otherUpnl -= upnls[sibling]; sib = positions[sibling]; }
                var lp = Solve(r, p, sib, wb - otherMm + otherUpnl, tiers[i], sibling >= 0 ? tiers[sibling] : 0, out int ia, out _, marks[i]);
                BankruptcyTerms(p, sib, wb + otherUpnl, out var bpNum, out var bpDen);
                var table = p.Contract.Tiers;
                snapshots.Add(Snapshot(r, p, marks[i], notionals[i], ims[i], mms[i], table[tiers[i]],
                    lp is null ? null : table[ia], wb, upnls[i], mb, totalMm, lp, bpNum, bpDen, ratio));
            }
            return new CrossMarginSnapshot
            {
                Rule = r,
                SettlementAsset = account.SettlementAsset,
                WalletBalance = wb,
                UnrealizedPnl = totalUpnl,
                MarginBalance = mb,
                InitialMargin = totalIm,
                MaintenanceMargin = totalMm,
                MarginRatio = ratio,
                IsLiquidatable = mb <= totalMm,
                Positions = snapshots.MoveToImmutable(),
            };
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrices), "a mark price", ex); return null!; }
    }

    /// <summary>The margin picture of one position of a cross account.</summary>
    /// <param name="account">The cross account holding the position.</param>
    /// <param name="position">The position (must be one of the account's positions).</param>
    /// <param name="markPrices">The mark price of each symbol in the account, &gt; 0.</param>
    /// <param name="rule">The rule; the contract's default when null.</param>
    /// <returns>The position's snapshot (account-wide margin balance and ratio).</returns>

    internal static decimal? BybitLiquidation(Position p, out MarginTier tier)
    {
        // Bybit: LP(long) = EP − (IM + extra margin − MM)/q, LP(short) = EP + (…)/q, MM = position value at entry · MMR − deduction.
        var c = p.Contract;
        tier = c.Tiers.TierFor(p.EntryValue);
        var mm = p.EntryValue * tier.MaintenanceMarginRate - tier.MaintenanceAmount;
        var move = (p.IsolatedMargin - mm) / p.Qk;
        return MarginCalc.PositiveOrNull(p.IsLong ? p.EntryPrice - move : p.EntryPrice + move);
    }

    private static MarginSnapshot Snapshot(LiquidationRule r, Position p, decimal mark, decimal notional, decimal initialMargin,
        decimal mm, MarginTier tier, MarginTier? lpTier, decimal wallet, decimal upnl, decimal mb, decimal mmForRatio,
        decimal? lp, decimal bankruptcyNumerator, decimal bankruptcyDenominator, decimal? ratio = null) =>
        new()
        {
            Rule = r,
            Position = p,
            SettlementAsset = p.Contract.SettlementAsset,
            MarkPrice = mark,
            Notional = notional,
            InitialMargin = initialMargin,
            MaintenanceMargin = mm,
            Tier = tier,
            LiquidationTier = lpTier,
            WalletBalance = wallet,
            UnrealizedPnl = upnl,
            MarginBalance = mb,
            MarginRatio = ratio ?? (mb > 0m ? mmForRatio / mb : null),
            IsLiquidatable = mb <= mmForRatio,
            LiquidationPrice = lp,
            BankruptcyNumerator = bankruptcyNumerator,
            BankruptcyDenominator = bankruptcyDenominator,
        };

    private static decimal Mark(IReadOnlyDictionary<string, decimal> marks, string symbol)
    {
        if (!marks.TryGetValue(symbol, out var m)) Preconditions.ThrowArgument("markPrices", $"has no mark price for {symbol}");
        if (m <= 0m) Preconditions.ThrowOutOfRange("markPrices", m, $"must hold positive prices; the mark of {symbol} is not");
        return m;
    }

    internal static decimal? Solve(LiquidationRule rule, Position a, Position? b, decimal balance, int startA, int startB, out int tierA, out int tierB,
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
                nextA = table.IndexFor(a.NotionalAt(price));
                nextB = b is null ? 0 : table.IndexFor(b.NotionalAt(price));
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
        int nCaps = table.Count - 1;
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
            int ta = table.IndexFor(a.NotionalAt(probe));
            int tb = table.IndexFor(b.NotionalAt(probe));
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
    internal static void BankruptcyTerms(Position a, Position? b, decimal balance, out decimal num, out decimal den)
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
    internal static decimal Maintenance(LiquidationRule rule, Position p, decimal notionalAtMark, out int tierIndex)
    {
        var c = p.Contract;
        var notional = rule == LiquidationRule.BybitLinear ? p.EntryValue : notionalAtMark;
        tierIndex = c.Tiers.IndexFor(notional);
        var tier = c.Tiers[tierIndex];
        var mm = notional * tier.MaintenanceMarginRate - tier.MaintenanceAmount;
        return rule == LiquidationRule.OkxGate ? mm + notional * c.TakerFeeRate : mm;
    }

}
