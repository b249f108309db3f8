using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Margin, maintenance, liquidation and bankruptcy prices of futures positions under exchange rules.</summary>
/// <remarks>
/// <para><b>Binance USDⓈ-M</b> (Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Contracts"):
/// <c>LP = (WB − TMM1 + UPNL1 + cum − side·q·EP) / (q·MMR − side·q)</c>, where WB is the wallet balance (isolated:
/// the isolated margin), TMM1 and UPNL1 the maintenance margin and unrealized PnL of every other cross position
/// (0 for isolated), and MMR/cum those of the tier that holds the notional <b>at the liquidation price</b>. In hedge
/// mode the long and the short leg of the symbol both enter:
/// <c>LP = (WB − TMM1 + UPNL1 + Σcum − Σ side·q·EP) / (Σ q·MMR − Σ side·q)</c>. The tier is found by iteration:
/// start from the tier at the mark, solve, take the tier at the solution, repeat until it no longer changes.</para>
/// <para><b>Binance COIN-M</b> (inverse; Binance FAQ "Liquidation Price of COIN-M Futures"): with Q = contracts·size
/// (USD), the balance equation <c>WB' + Σ side·Q·(1/EP − 1/P) = Σ (Q/P·MMR − cum)</c> gives
/// <c>LP = (Σ Q·MMR + Σ side·Q) / (WB' + Σ cum + Σ side·Q/EP)</c>, tier at the liquidation notional Q/LP (coin).</para>
/// <para><b>Bybit linear</b> (Bybit help centre "Liquidation Price (USDT Contract)", isolated):
/// <c>LP = EP − side·(position margin − MM)/q</c> with <c>MM = q·EP·MMR − MM deduction</c> measured at entry (classic
/// account, <see cref="LiquidationRule.BybitLinear"/>). Unified Trading Account (<see cref="LiquidationRule.BybitLinearUnified"/>)
/// and inverse (<see cref="LiquidationRule.BybitInverse"/>): the fee-inclusive formulas of Bybit's "Liquidation Price
/// Calculation under Isolated Mode (Unified Trading Account)", see <c>BybitRules</c>.</para>
/// <para><b>OKX / Gate</b> (OKX "isolated margin ratio = (margin + PnL) / (face value·|contracts|·mark·(MMR + fee
/// rate))"; Gate's liquidation price formula): liquidation when equity equals <c>notional·(MMR + taker fee)</c>,
/// i.e. the Binance equation with MMR replaced by MMR + taker fee (cum, usually 0 on these exchanges, is kept).</para>
/// <para>A liquidation or bankruptcy price that would be 0 or negative is reported as null ("no liquidation price"),
/// never as a number. Inputs are validated; a decimal overflow is reported naming the input. Thread-safe (pure).</para>
/// </remarks>
public static partial class MarginCalc
{
    /// <summary>The default rule for a contract: its own exchange's rule (<see cref="Contract.Rule"/>, set on catalog contracts); otherwise Binance USDⓈ-M for linear, Binance COIN-M for inverse.</summary>
    /// <param name="contract">The contract.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    public static LiquidationRule DefaultRule(Contract contract) =>
        Preconditions.NotNull(contract).Rule ?? (contract.Type == ContractType.Inverse ? LiquidationRule.BinanceCoinM : LiquidationRule.BinanceUsdM);

    /// <summary>The Binance USDⓈ-M liquidation price for a given tier (the FAQ formula, reference R1).</summary>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">The position size in base units, &gt; 0.</param>
    /// <param name="entryPrice">The entry price, &gt; 0.</param>
    /// <param name="walletBalance">WB: the isolated margin or the cross wallet balance, ≥ 0.</param>
    /// <param name="maintenanceMarginRate">MMR of the tier at the liquidation price, in (0, 1).</param>
    /// <param name="maintenanceAmount">cum of that tier, ≥ 0.</param>
    /// <param name="otherMaintenanceMargin">TMM1: maintenance margin of all other cross positions (0 for isolated), ≥ 0.</param>
    /// <param name="otherUnrealizedPnl">UPNL1: unrealized PnL of all other cross positions (0 for isolated).</param>
    /// <returns><c>(WB − TMM1 + UPNL1 + cum − side·q·EP) / (q·MMR − side·q)</c>, or null when that is not a positive price.</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the calculation overflows decimal.</exception>
    public static decimal? BinanceLiquidationPrice(Side side, decimal quantity, decimal entryPrice, decimal walletBalance,
        decimal maintenanceMarginRate, decimal maintenanceAmount, decimal otherMaintenanceMargin = 0m, decimal otherUnrealizedPnl = 0m)
    {
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(entryPrice);
        Preconditions.NonNegative(walletBalance);
        CheckMmr(maintenanceMarginRate);
        Preconditions.NonNegative(maintenanceAmount);
        Preconditions.NonNegative(otherMaintenanceMargin);
        try
        {
            var s = side.Sign();
            var num = walletBalance - otherMaintenanceMargin + otherUnrealizedPnl + maintenanceAmount - s * quantity * entryPrice;
            var den = quantity * maintenanceMarginRate - s * quantity;
            return PositiveOrNull(num / den);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return null; }
    }

    /// <summary>The Binance COIN-M (inverse) liquidation price for a given tier (reference R2).</summary>
    /// <param name="side">Long or short.</param>
    /// <param name="contracts">The position size in contracts, &gt; 0.</param>
    /// <param name="contractSize">USD per contract, &gt; 0.</param>
    /// <param name="entryPrice">The entry price, &gt; 0.</param>
    /// <param name="walletBalance">WB in coin: the isolated margin or the cross wallet balance, ≥ 0.</param>
    /// <param name="maintenanceMarginRate">MMR of the tier at the liquidation price, in (0, 1).</param>
    /// <param name="maintenanceAmount">cum of that tier in coin, ≥ 0.</param>
    /// <param name="otherMaintenanceMargin">Maintenance margin of the other cross positions in coin, ≥ 0.</param>
    /// <param name="otherUnrealizedPnl">Unrealized PnL of the other cross positions in coin.</param>
    /// <returns><c>(Q·MMR + side·Q) / (WB − TMM1 + UPNL1 + cum + side·Q/EP)</c> with Q = contracts·size, or null when that is not a positive price decimal can hold (a 1x short: never liquidated).</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the calculation overflows decimal.</exception>
    public static decimal? CoinMLiquidationPrice(Side side, decimal contracts, decimal contractSize, decimal entryPrice, decimal walletBalance,
        decimal maintenanceMarginRate, decimal maintenanceAmount, decimal otherMaintenanceMargin = 0m, decimal otherUnrealizedPnl = 0m)
    {
        Preconditions.Defined(side);
        Preconditions.Positive(contracts);
        Preconditions.Positive(contractSize);
        Preconditions.Positive(entryPrice);
        Preconditions.NonNegative(walletBalance);
        CheckMmr(maintenanceMarginRate);
        Preconditions.NonNegative(maintenanceAmount);
        Preconditions.NonNegative(otherMaintenanceMargin);
        try
        {
            var s = side.Sign();
            var q = contracts * contractSize;
            var num = q * maintenanceMarginRate + s * q;
            var den = walletBalance - otherMaintenanceMargin + otherUnrealizedPnl + maintenanceAmount + s * q / entryPrice;
            return PositivePrice(num, den);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(contracts), contracts, ex); return null; }
    }

    /// <summary>The liquidation price of an isolated position (allocation-free; tier at the liquidation price for Binance rules).</summary>
    /// <param name="position">The position; its <see cref="Position.IsolatedMargin"/> is the wallet balance.</param>
    /// <param name="rule">The rule; the contract's default (<see cref="DefaultRule"/>) when null.</param>
    /// <returns>The liquidation price, or null when no positive price liquidates the position.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="position"/> is null.</exception>
    /// <exception cref="ArgumentException">The position is cross, the rule does not apply to the contract type, or the calculation overflows decimal.</exception>
    public static decimal? LiquidationPrice(Position position, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(position);
        if (position.MarginMode != MarginMode.Isolated)
            Preconditions.ThrowArgument(nameof(position), "must be isolated; use MarginCalc.Cross for a cross position");
        var r = CheckRule(position.Contract, rule, isolated: true);
        try
        {
            return r == LiquidationRule.BybitLinear ? BybitLiquidation(position, out _)
                : r == LiquidationRule.BybitInverse ? BybitRules.InverseLiquidation(position, out _)
                : r == LiquidationRule.BybitLinearUnified ? BybitRules.LinearLiquidation(position, out _)
                : LiquidationSolver.SolveOne(r, position, position.IsolatedMargin, position.IsolatedMarginD, position.Contract.Tiers.IndexFor(position.Contract.Tiers.Key(position.EntryValue, position.Qk)), out _);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(position), position, ex); return null; }
    }

    /// <summary>The margin picture of an isolated position at a mark price.</summary>
    /// <param name="position">The isolated position; its <see cref="Position.IsolatedMargin"/> is the wallet balance.</param>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <param name="rule">The rule; the contract's default (<see cref="DefaultRule"/>) when null.</param>
    /// <returns>Initial and maintenance margin, tiers, margin balance and ratio, liquidation and bankruptcy prices, distance to liquidation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="position"/> is null.</exception>
    /// <exception cref="ArgumentException">The position is cross, the mark is not positive, the rule does not apply, or the calculation overflows decimal.</exception>
    [SkipLocalsInit] // ~620 bytes of inlined decimal temporaries, else cleared on every call (see LiquidationSolver.SolveOne)
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
            var notional = position.NotionalAt(markPrice);
            var mm = LiquidationSolver.Maintenance(r, position, notional, out int tierIndex);
            decimal? lp;
            MarginTier? lpTier;
            if (r == LiquidationRule.BybitLinear)
            {
                lp = BybitLiquidation(position, out var t);
                lpTier = lp is null ? null : t;
            }
            else if (r == LiquidationRule.BybitInverse)
            {
                lp = BybitRules.InverseLiquidation(position, out var t);
                lpTier = lp is null ? null : t;
            }
            else if (r == LiquidationRule.BybitLinearUnified)
            {
                lp = BybitRules.LinearLiquidation(position, out var t);
                lpTier = lp is null ? null : t;
            }
            else
            {
                lp = LiquidationSolver.SolveOne(r, position, position.IsolatedMargin, position.IsolatedMarginD, tierIndex, out int ia);
                lpTier = lp is null ? null : c.Tiers[ia];
            }
            var upnl = position.PnlAt(markPrice);
            var mb = position.IsolatedMargin + upnl;
            LiquidationSolver.BankruptcyTerms(position, null, position.IsolatedMargin, out var bpNum, out var bpDen);
            // Bybit's Unified Trading Account rules count extra margin ÷ (1 ∓ taker) (BybitRules.CountedMargin), so the
            // liquidation test uses that margin: liquidatable exactly at and beyond the liquidation price they give.
            bool? liquidatable = BybitRules.CountsNetOfClosingFee(r)
                ? BybitRules.CountedMargin(position) + upnl <= mm : null;
            return Snapshot(r, position, markPrice, notional, mm, c.Tiers[tierIndex], lpTier,
                position.IsolatedMargin, upnl, mb, mm, lp, bpNum, bpDen, liquidatable: liquidatable);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return null!; }
    }

    /// <summary>The margin picture of every position of a cross account at its mark prices.</summary>
    /// <param name="account">The cross account (one settlement asset).</param>
    /// <param name="markPrices">The mark price of each symbol in the account, &gt; 0.</param>
    /// <param name="rule">The rule; the default of the account's contracts when null. Bybit's isolated rule does not apply to cross.</param>
    /// <returns>Account totals and one snapshot per position. Each liquidation price holds every other symbol at its mark
    /// (Binance R1: TMM1 and UPNL1 of the other positions); in hedge mode both legs of a symbol move together.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A mark is missing or not positive, the rule does not apply, or the calculation overflows decimal.</exception>
    public static CrossMarginSnapshot Cross(CrossAccount account, IReadOnlyDictionary<string, decimal> markPrices, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(account);
        Preconditions.NotNull(markPrices);
        if (rule is { } given) Preconditions.Defined(given, nameof(rule)); // also for an account with no position to check it against
        int n = account.Positions.Length;
        // One row per position, on the stack for ordinary accounts: no per-call arrays. Only the stackalloc is here: the
        // runtime compiles a method with stackalloc once, optimised but without tiered profile-guided optimisation, so
        // the work is in CrossCore, which is tiered like the rest.
        return CrossCore(account, markPrices, rule, n <= 64 ? stackalloc CrossRow[n] : new CrossRow[n]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CrossMarginSnapshot CrossCore(CrossAccount account, IReadOnlyDictionary<string, decimal> markPrices, LiquidationRule? rule, Span<CrossRow> rows)
    {
        var positions = account.Positions;
        int n = positions.Length;
        LiquidationRule r = rule ?? (n > 0 ? DefaultRule(positions[0].Contract) : LiquidationRule.BinanceUsdM);
        for (int i = 0; i < n; i++)
        {
            CheckRule(positions[i].Contract, r, isolated: false);
            rows[i].Mark = Mark(markPrices, positions[i].Contract.Symbol);
        }
        try
        {
            var (totalMm, totalUpnl, totalIm) = CrossSums(positions, rows, r);
            var wb = account.WalletBalance;
            var mb = DecimalFast.Add(wb, totalUpnl);
            decimal? ratio = mb > 0m ? totalMm / mb : null;
            bool hedge = account.PositionMode == PositionMode.Hedge;
            var snapshots = ImmutableArray.CreateBuilder<MarginSnapshot>(n);
            for (int i = 0; i < n; i++) snapshots.Add(CrossPosition(r, positions, rows, i, hedge, wb, mb, totalMm, totalUpnl, ratio));
            return new CrossMarginSnapshot
            {
                Rule = r,
                SettlementAsset = account.SettlementAsset,
                WalletBalance = wb,
                UnrealizedPnl = totalUpnl,
                MarginBalance = mb,
                PrecomputedInitialMargin = totalIm,
                MaintenanceMargin = totalMm,
                MarginRatio = ratio,
                IsLiquidatable = mb <= totalMm,
                Positions = snapshots.MoveToImmutable(),
            };
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrices), "a mark price", ex); return null!; }
    }

    /// <summary>
    /// Fills each row's notional, maintenance margin (and tier) and unrealised PnL at its mark and sums the account's
    /// maintenance margin and unrealised PnL, added in position order (so every sum is the same decimal); the initial
    /// margins' sum only when the notionals' sum overflows (else it is summed on access).
    /// </summary>
    private static (decimal TotalMm, decimal TotalUpnl, decimal? TotalIm) CrossSums(ImmutableArray<Position> positions, Span<CrossRow> rows, LiquidationRule r)
    {
        int n = positions.Length;
        decimal totalMm = 0m, totalUpnl = 0m, totalNotional = 0m;
        bool notionalsFit = true;
        for (int i = 0; i < n; i++)
        {
            var p = positions[i];
            ref var row = ref rows[i];
            row.Notional = p.NotionalAt(row.Mark);
            row.Mm = LiquidationSolver.Maintenance(r, p, row.Notional, out row.Tier);
            row.Upnl = p.PnlAt(row.Mark);
            totalMm = DecimalFast.Add(totalMm, row.Mm);
            totalUpnl = DecimalFast.Add(totalUpnl, row.Upnl);
            // The initial margins (notional / leverage ≤ notional) are summed on access; that sum cannot overflow when the
            // notionals' sum does not. Only if it does are they summed here, as before, so an overflow is reported here.
            if (notionalsFit)
            {
                try { totalNotional = DecimalFast.Add(totalNotional, row.Notional); }
                catch (OverflowException) { notionalsFit = false; }
            }
        }
        decimal? totalIm = null;
        if (!notionalsFit)
        {
            decimal sum = 0m;
            for (int i = 0; i < n; i++) sum += rows[i].Notional / positions[i].Leverage;
            totalIm = sum;
        }
        return (totalMm, totalUpnl, totalIm);
    }

    /// <summary>
    /// One position's snapshot in a cross account: its liquidation price holds every other position at its mark (in hedge
    /// mode the other leg on the same symbol moves with the same price), its bankruptcy price likewise.
    /// </summary>
    private static MarginSnapshot CrossPosition(LiquidationRule r, ImmutableArray<Position> positions, Span<CrossRow> rows, int i, bool hedge,
        decimal wb, decimal mb, decimal totalMm, decimal totalUpnl, decimal? ratio)
    {
        int n = positions.Length;
        var p = positions[i];
        ref var row = ref rows[i];
        // Hedge mode: the other leg on the same symbol moves with the same price (CrossAccount guarantees at
        // most one per symbol and side; one-way mode has none).
        int sibling = -1;
        if (hedge)
        {
            for (int j = 0; j < n; j++)
            {
                if (j != i && positions[j].Contract.Symbol == p.Contract.Symbol) { sibling = j; break; }
            }
        }
        var otherMm = DecimalFast.Subtract(totalMm, row.Mm);
        var otherUpnl = DecimalFast.Subtract(totalUpnl, row.Upnl);
        Position? sib = null;
        if (sibling >= 0)
        {
            otherMm = DecimalFast.Subtract(otherMm, rows[sibling].Mm);
            otherUpnl = DecimalFast.Subtract(otherUpnl, rows[sibling].Upnl);
            sib = positions[sibling];
        }
        var balance = DecimalFast.Add(DecimalFast.Subtract(wb, otherMm), otherUpnl);
        int ia;
        var lp = sib is null
            ? LiquidationSolver.SolveOne(r, p, balance, (double)balance, row.Tier, out ia)
            : LiquidationSolver.Solve(r, p, sib, balance, row.Tier, rows[sibling].Tier, out ia, out _, row.Mark);
        LiquidationSolver.BankruptcyTerms(p, sib, DecimalFast.Add(wb, otherUpnl), out var bpNum, out var bpDen);
        var table = p.Contract.Tiers;
        return Snapshot(r, p, row.Mark, row.Notional, row.Mm, table[row.Tier],
            lp is null ? null : table[ia], wb, row.Upnl, mb, totalMm, lp, bpNum, bpDen, ratio);
    }

    /// <summary>The margin picture of one position of a cross account.</summary>
    /// <param name="account">The cross account holding the position.</param>
    /// <param name="position">The position (must be one of the account's positions).</param>
    /// <param name="markPrices">The mark price of each symbol in the account, &gt; 0.</param>
    /// <param name="rule">The rule; the contract's default when null.</param>
    /// <returns>The position's snapshot (account-wide margin balance and ratio).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The position is not in the account, a mark is missing, the rule does not apply, or the calculation overflows decimal.</exception>
    public static MarginSnapshot Cross(CrossAccount account, Position position, IReadOnlyDictionary<string, decimal> markPrices, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(account);
        Preconditions.NotNull(position);
        int index = account.Positions.IndexOf(position);
        if (index < 0) Preconditions.ThrowArgument(nameof(position), "is not one of the account's positions");
        return Cross(account, markPrices, rule ?? DefaultRule(position.Contract)).Positions[index];
    }

    /// <summary>The maintenance margin of a position at a mark price under a rule, and the tier used.</summary>
    /// <param name="position">The position.</param>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <param name="rule">The rule; the contract's default when null.</param>
    /// <returns>Binance: <c>notional(mark)·MMR − cum</c>; Bybit: at the entry notional; OKX/Gate: plus <c>notional(mark)·taker fee</c>. In the settlement asset.</returns>
    /// <exception cref="ArgumentException">The mark is not positive, the rule does not apply, or the calculation overflows decimal.</exception>
    public static decimal MaintenanceMargin(Position position, decimal markPrice, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(position);
        Preconditions.Positive(markPrice);
        var r = CheckRule(position.Contract, rule, isolated: position.MarginMode == MarginMode.Isolated);
        try { return LiquidationSolver.Maintenance(r, position, position.NotionalAt(markPrice), out _); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return 0m; }
    }

    /// <summary>One position's figures at its mark inside <see cref="Cross(CrossAccount, IReadOnlyDictionary{string, decimal}, LiquidationRule?)"/>.</summary>
    private struct CrossRow
    {
        public decimal Mark, Notional, Mm, Upnl;
        public int Tier;
    }

    internal static decimal? BybitLiquidation(Position p, out MarginTier tier)
    {
        // Bybit: LP(long) = EP − (IM + extra margin − MM)/q, LP(short) = EP + (…)/q, MM = position value at entry · MMR − deduction.
        var c = p.Contract;
        tier = c.Tiers.TierFor(p.EntryValue);
        var mm = tier.MaintenanceMarginUnchecked(p.EntryValue);
        var move = (p.IsolatedMargin - mm) / p.Qk;
        return PositiveOrNull(p.IsLong ? p.EntryPrice - move : p.EntryPrice + move);
    }

    private static MarginSnapshot Snapshot(LiquidationRule r, Position p, decimal mark, decimal notional,
        decimal mm, MarginTier tier, MarginTier? lpTier, decimal wallet, decimal upnl, decimal mb, decimal mmForRatio,
        decimal? lp, decimal bankruptcyNumerator, decimal bankruptcyDenominator, decimal? ratio = null, bool? liquidatable = null) =>
        new()
        {
            Rule = r,
            Position = p,
            SettlementAsset = p.Contract.SettlementAsset,
            MarkPrice = mark,
            Notional = notional,
            MaintenanceMargin = mm,
            Tier = tier,
            LiquidationTier = lpTier,
            WalletBalance = wallet,
            UnrealizedPnl = upnl,
            MarginBalance = mb,
            MarginRatio = ratio ?? (mb > 0m ? mmForRatio / mb : null),
            IsLiquidatable = liquidatable ?? mb <= mmForRatio,
            LiquidationPrice = lp,
            BankruptcyNumerator = bankruptcyNumerator,
            BankruptcyDenominator = bankruptcyDenominator,
        };

    internal static LiquidationRule CheckRule(Contract contract, LiquidationRule? rule, bool isolated)
    {
        var r = rule ?? DefaultRule(contract);
        if (r < LiquidationRule.BinanceUsdM || r > LiquidationRule.BybitLinearUnified) Preconditions.ThrowOutOfRange(nameof(rule), r, "must be a defined LiquidationRule value");
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
            case LiquidationRule.BybitLinearUnified when !linear:
                Preconditions.ThrowArgument(nameof(rule), $"BybitLinearUnified applies to linear contracts; {contract.Symbol} is inverse (use BybitInverse)");
                break;
            case LiquidationRule.BybitLinearUnified when !isolated:
                Preconditions.ThrowArgument(nameof(rule), "BybitLinearUnified is Bybit's isolated-margin formula; it does not apply to a cross account");
                break;
        }
        return r;
    }

    private static decimal Mark(IReadOnlyDictionary<string, decimal> marks, string symbol)
    {
        if (!marks.TryGetValue(symbol, out var m)) Preconditions.ThrowArgument("markPrices", $"has no mark price for {symbol}");
        if (m <= 0m) Preconditions.ThrowOutOfRange("markPrices", m, $"must hold positive prices; the mark of {symbol} is not");
        return m;
    }

    private static void CheckMmr(decimal maintenanceMarginRate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(maintenanceMarginRate))] string? name = null)
    {
        if (maintenanceMarginRate <= 0m || maintenanceMarginRate >= 1m)
            Preconditions.ThrowOutOfRange(name, maintenanceMarginRate, "must be a fraction in the range (0, 1)");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static decimal? PositiveOrNull(decimal value) => value > 0m ? value : null;

    /// <summary>
    /// num / den when that is a positive price decimal can hold; null when den is 0, the quotient is not positive, or its
    /// magnitude is beyond decimal's range (about 7.9e28) — a price no market reaches. The last case is real: a 1x
    /// inverse short's denominator WB + cum − Q/EP is 0 in exact arithmetic (it is never liquidated), and after an add at
    /// another price it is the rounding residue of the two coin sums (±1e-27), so the quotient overflows.
    /// </summary>
    /// <remarks>
    /// The common case (<see cref="DecimalFast.QuotientFits"/>: the quotient is proven to fit) divides without the overflow
    /// handler: a method with a try block is not inlined and keeps its locals in memory, which cost the solver's loop
    /// (<see cref="LiquidationSolver.SolveOne"/>) about 10% of the isolated liquidation price. Most solver quotients
    /// (a divisor mantissa below 2³², a rounded quotient) take <see cref="DecimalFast.TryDivide"/> first, one 128-bit
    /// division instead of the runtime's digit loop. The same quotient, bit for bit, on every route.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static decimal? PositivePrice(decimal num, decimal den) =>
        DecimalFast.TryDivide(num, den, out var q) ? PositiveOrNull(q)
        : DecimalFast.QuotientFits(num, den) ? PositiveOrNull(num / den) : PositivePriceChecked(num, den);

    /// <summary><see cref="PositivePrice"/> when the quotient may not fit: 0, or beyond decimal's range, is no price.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static decimal? PositivePriceChecked(decimal num, decimal den)
    {
        if (den == 0m) return null;
        try { return PositiveOrNull(num / den); }
        catch (OverflowException) { return null; }
    }

    internal static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
