using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of the margin hot paths as they were before issue 15's margin work (commit ffe777e):
/// <c>MarginCalc.LiquidationPrice</c> (isolated), <c>MarginCalc.Isolated</c>, <c>MarginCalc.Cross</c>, the solver core of
/// <c>Engine</c>, and every helper they call that the optimised code replaced or may change: the tier scan
/// (<c>MarginTierTable.IndexFor</c>), <c>Position.NotionalAt</c>/<c>PnlAt</c>, rule checks, Bybit's two formulas. The
/// benchmarks' baseline and the reference of <c>MarginOptimizedVersusFrozenTests</c>. Do not optimise.
/// Only validated immutable inputs (<see cref="Position"/>, <see cref="MarginTier"/>) and <c>Preconditions</c> are shared.
/// </summary>
internal static class MarginV1
{
    public static decimal? LiquidationPrice(Position position, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(position);
        if (position.MarginMode != MarginMode.Isolated)
            Preconditions.ThrowArgument(nameof(position), "must be isolated; use MarginCalc.Cross for a cross position");
        var r = CheckRule(position.Contract, rule, isolated: true);
        try
        {
            return r == LiquidationRule.BybitLinear ? BybitLiquidation(position, out _)
                : r == LiquidationRule.BybitInverse ? BybitInverseLiquidation(position, out _)
                : Solve(r, position, null, position.IsolatedMargin, IndexFor(position.Contract.Tiers, position.EntryValue), 0, out _, out _);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(position), position, ex); return null; }
    }

    public static MarginSnapshot Isolated(Position position, decimal markPrice, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(position);
        Preconditions.Positive(markPrice);
        if (position.MarginMode != MarginMode.Isolated)
            Preconditions.ThrowArgument(nameof(position), "must be isolated; use MarginCalc.Cross for a cross position");
        var r = CheckRule(position.Contract, rule, isolated: true);
        try
        {
            var c = position.Contract;
            var notional = NotionalAt(position, markPrice);
            var mm = Maintenance(r, position, notional, out int tierIndex);
            decimal? lp;
            MarginTier? lpTier;
            if (r == LiquidationRule.BybitLinear)
            {
                lp = BybitLiquidation(position, out var t);
                lpTier = lp is null ? null : t;
            }
            else if (r == LiquidationRule.BybitInverse)
            {
                lp = BybitInverseLiquidation(position, out var t);
                lpTier = lp is null ? null : t;
            }
            else
            {
                lp = Solve(r, position, null, position.IsolatedMargin, tierIndex, 0, out int ia, out _);
                lpTier = lp is null ? null : c.Tiers[ia];
            }
            var upnl = PnlAt(position, markPrice);
            var mb = position.IsolatedMargin + upnl;
            BankruptcyTerms(position, null, position.IsolatedMargin, out var bpNum, out var bpDen);
            return Snapshot(r, position, markPrice, notional, notional / position.Leverage, mm, c.Tiers[tierIndex], lpTier,
                position.IsolatedMargin, upnl, mb, mm, lp, bpNum, bpDen);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return null!; }
    }

    public static CrossMarginSnapshot Cross(CrossAccount account, IReadOnlyDictionary<string, decimal> markPrices, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(account);
        Preconditions.NotNull(markPrices);
        var positions = account.Positions;
        int n = positions.Length;
        LiquidationRule r = rule ?? (n > 0 ? DefaultRule(positions[0].Contract) : LiquidationRule.BinanceUsdM);
        var marks = new decimal[n];
        var notionals = new decimal[n];
        var mms = new decimal[n];
        var upnls = new decimal[n];
        var ims = new decimal[n];
        var tiers = new int[n];
        for (int i = 0; i < n; i++)
        {
            CheckRule(positions[i].Contract, r, isolated: false);
            marks[i] = Mark(markPrices, positions[i].Contract.Symbol);
        }
        try
        {
            decimal totalMm = 0m, totalUpnl = 0m, totalIm = 0m;
            for (int i = 0; i < n; i++)
            {
                var p = positions[i];
                notionals[i] = NotionalAt(p, marks[i]);
                mms[i] = Maintenance(r, p, notionals[i], out tiers[i]);
                upnls[i] = PnlAt(p, marks[i]);
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
                PrecomputedInitialMargin = totalIm, // (the optimised type computes its sum on access; the frozen pass still pays for it)
                MaintenanceMargin = totalMm,
                MarginRatio = ratio,
                IsLiquidatable = mb <= totalMm,
                Positions = snapshots.MoveToImmutable(),
            };
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrices), "a mark price", ex); return null!; }
    }

    internal static decimal? BybitLiquidation(Position p, out MarginTier tier)
    {
        // Bybit: LP(long) = EP − (IM + extra margin − MM)/q, LP(short) = EP + (…)/q, MM = position value at entry · MMR − deduction.
        var c = p.Contract;
        tier = c.Tiers[IndexFor(c.Tiers, p.EntryValue)];
        var mm = p.EntryValue * tier.MaintenanceMarginRate - tier.MaintenanceAmount;
        var move = (p.IsolatedMargin - mm) / p.Qk;
        return PositiveOrNull(p.IsLong ? p.EntryPrice - move : p.EntryPrice + move);
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
            // initialMargin: computed above as before (the division is paid); MarginSnapshot now derives it on access.
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
                nextA = IndexFor(table, NotionalAt(a, price));
                nextB = b is null ? 0 : IndexFor(table, NotionalAt(b, price));
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
            int ta = IndexFor(table, NotionalAt(a, probe));
            int tb = IndexFor(table, NotionalAt(b, probe));
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
        tierIndex = IndexFor(c.Tiers, notional);
        var tier = c.Tiers[tierIndex];
        var mm = notional * tier.MaintenanceMarginRate - tier.MaintenanceAmount;
        return rule == LiquidationRule.OkxGate ? mm + notional * c.TakerFeeRate : mm;
    }

    // ---- Frozen helpers (copies of MarginTierTable.IndexFor, Position.NotionalAt/PnlAt, MarginCalc.CheckRule/DefaultRule,
    // BybitRules.InverseLiquidation as of ffe777e).

    private static int IndexFor(MarginTierTable table, decimal notional)
    {
        var tiers = table.Tiers;
        for (int i = 0; i < tiers.Length; i++)
        {
            if (notional <= tiers[i].NotionalCap) return i;
        }
        return tiers.Length - 1;
    }

    private static decimal NotionalAt(Position p, decimal price) => p.IsLinear ? p.Qk * price : p.Qk / price;

    private static decimal PnlAt(Position p, decimal price)
    {
        var d = p.IsLinear ? p.Qk * price - p.EntryValue : p.EntryValue - p.Qk / price;
        return p.IsLong ? d : -d;
    }

    private static decimal? PositiveOrNull(decimal value) => value > 0m ? value : null;

    private static LiquidationRule DefaultRule(Contract contract) =>
        Preconditions.NotNull(contract).Rule ?? (contract.Type == ContractType.Inverse ? LiquidationRule.BinanceCoinM : LiquidationRule.BinanceUsdM);

    private static LiquidationRule CheckRule(Contract contract, LiquidationRule? rule, bool isolated)
    {
        var r = rule ?? DefaultRule(contract);
        if (r < LiquidationRule.BinanceUsdM || r > LiquidationRule.BybitInverse) Preconditions.ThrowOutOfRange(nameof(rule), r, "must be a defined LiquidationRule value");
        bool linear = contract.Type == ContractType.Linear;
        switch (r)
        {
            case LiquidationRule.BinanceUsdM when !linear:
                Preconditions.ThrowArgument(nameof(rule), $"BinanceUsdM applies to linear contracts; {contract.Symbol} is inverse (use BinanceCoinM)");
                break;
            case LiquidationRule.BinanceCoinM when linear:
                Preconditions.ThrowArgument(nameof(rule), $"BinanceCoinM applies to inverse contracts; {contract.Symbol} is linear (use BinanceUsdM)");
                break;
            case LiquidationRule.BybitLinear when !linear:
                Preconditions.ThrowArgument(nameof(rule), $"BybitLinear applies to linear contracts; {contract.Symbol} is inverse");
                break;
            case LiquidationRule.BybitLinear when !isolated:
                Preconditions.ThrowArgument(nameof(rule), "BybitLinear is Bybit's isolated-margin formula; it does not apply to a cross account");
                break;
            case LiquidationRule.BybitInverse when linear:
                Preconditions.ThrowArgument(nameof(rule), $"BybitInverse applies to inverse contracts; {contract.Symbol} is linear (use BybitLinear)");
                break;
            case LiquidationRule.BybitInverse when !isolated:
                Preconditions.ThrowArgument(nameof(rule), "BybitInverse is Bybit's isolated-margin formula; it does not apply to a cross account");
                break;
        }
        return r;
    }

    private static decimal? BybitInverseLiquidation(Position p, out MarginTier tier)
    {
        var c = p.Contract;
        var table = c.Tiers;
        decimal q = p.Qk;
        decimal value = p.EntryValue;
        decimal im = value / p.Leverage;
        decimal extra = p.IsolatedMargin - im;
        decimal fee = c.TakerFeeRate;
        int index = IndexFor(table, value);
        decimal? lp = null;
        for (int iter = 0; iter < table.Count + 3; iter++)
        {
            var t = table[index];
            decimal num, den;
            if (p.IsLong)
            {
                num = q * (1m + t.MaintenanceMarginRate);
                den = value + im + extra / (1m + fee) + t.MaintenanceAmount;
            }
            else
            {
                num = q * (1m - t.MaintenanceMarginRate);
                den = value - im - extra / (1m - fee) - t.MaintenanceAmount;
            }
            lp = den > 0m ? PositiveOrNull(num / den) : null;
            if (lp is null) break;
            int next = IndexFor(table, q / lp.Value);
            if (next == index) break;
            index = next;
        }
        tier = table[index];
        return lp;
    }
}
