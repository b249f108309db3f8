using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Margin;

public static partial class MarginCalc
{
    /// <summary>
    /// The highest leverage (and least isolated margin) that keeps the liquidation price beyond a stop price plus a
    /// safety buffer, so that the stop fires before liquidation.
    /// </summary>
    /// <param name="contract">The contract.</param>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">The position size, &gt; 0.</param>
    /// <param name="entryPrice">The entry price, &gt; 0.</param>
    /// <param name="stopPrice">The stop price, on the losing side of entry (long: below; short: above).</param>
    /// <param name="safetyBuffer">The gap between stop and liquidation as a fraction of the stop price, in [0, 1):
    /// the liquidation price must be at or below <c>stop·(1 − buffer)</c> (long) or at or above <c>stop·(1 + buffer)</c> (short).</param>
    /// <param name="rule">The rule; the contract's default when null.</param>
    /// <returns>
    /// The least margin M* is solved in closed form from the balance equation at the required liquidation price P*:
    /// <c>M* = MM(P*) − PnL(P*)</c>, with MM measured as the rule does (Binance and Bybit UTA: tier at P*; Bybit classic:
    /// at entry; OKX/Gate: plus the taker fee). The leverage is the largest whole number not above <c>entry notional / M*</c>
    /// and the tier's maximum; the margin to post is <c>max(M*, entry notional / leverage)</c> (above the initial margin at
    /// 1x when even 1x is not enough — add the difference as extra isolated margin; under
    /// <see cref="LiquidationRule.BybitLinearUnified"/>, which counts extra margin divided by <c>1 − side·taker</c>, that
    /// difference is multiplied by <c>1 − side·taker</c>).
    /// </returns>
    /// <exception cref="ArgumentException">A value breaks its rule, the stop is not on the losing side, the rule does not apply, or the calculation overflows decimal.</exception>
    public static StopLeverage MaxLeverageForStop(Contract contract, Side side, decimal quantity, decimal entryPrice, decimal stopPrice,
        decimal safetyBuffer = 0m, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(entryPrice);
        Preconditions.Positive(stopPrice);
        if (safetyBuffer < 0m || safetyBuffer >= 1m) Preconditions.ThrowOutOfRange(nameof(safetyBuffer), safetyBuffer, "must be a fraction in the range [0, 1)");
        var r = CheckRule(contract, rule, isolated: true);
        if (side == Side.Long && stopPrice >= entryPrice)
            Preconditions.ThrowOutOfRange(nameof(stopPrice), stopPrice, Inv($"must be below the entry price {entryPrice} for a long"));
        if (side == Side.Short && stopPrice <= entryPrice)
            Preconditions.ThrowOutOfRange(nameof(stopPrice), stopPrice, Inv($"must be above the entry price {entryPrice} for a short"));
        try
        {
            var s = side.Sign();
            var target = side == Side.Long ? stopPrice * (1m - safetyBuffer) : stopPrice * (1m + safetyBuffer);
            var entryNotional = contract.NotionalUnchecked(quantity, entryPrice);
            var lastCap = contract.Tiers[contract.Tiers.Count - 1].NotionalCap;
            var key = contract.Tiers.Key(entryNotional, contract.CoinsOf(quantity));
            if (key > lastCap)
                Preconditions.ThrowOutOfRange(nameof(quantity), quantity, Inv($"gives a notional of {entryNotional}, above the largest tier of {contract.Symbol}"));
            // Balance equation at the liquidation price P*: M + PnL(P*) = MM(P*)  →  M* = MM(P*) − PnL(P*).
            var mm = LiquidationSolver.MaintenanceAt(r, contract, quantity, entryPrice, target, out var tier);
            var pnl = contract.PnlUnchecked(s, quantity, entryPrice, target);
            var minMargin = mm - pnl;
            var maxAllowed = contract.MaxLeverageForKey(key);
            decimal exact = minMargin > 0m ? entryNotional / minMargin : maxAllowed;
            var leverage = Math.Max(1m, decimal.Floor(Math.Min(exact, maxAllowed)));
            var im = entryNotional / leverage;
            var margin = Math.Max(minMargin, im);
            // Bybit UTA counts extra margin (above the initial margin) divided by (1 − side·taker) (BybitRules): post the
            // extra margin that counts as M* − IM, so the liquidation price lands on the target as for the other rules.
            if (r == LiquidationRule.BybitLinearUnified && minMargin > im)
                margin = im + (minMargin - im) * (1m - s * contract.TakerFeeRate);
            var position = Position.Open(contract, side, quantity, entryPrice, leverage, MarginMode.Isolated, margin);
            var lp = r == LiquidationRule.BybitLinear ? BybitLiquidation(position, out _)
                : r == LiquidationRule.BybitLinearUnified ? BybitRules.LinearLiquidation(position, out _)
                : LiquidationSolver.Solve(r, position, null, margin, entryPrice, out _, out _);
            return new StopLeverage(r, leverage, exact, minMargin, im, margin, target, lp, tier);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return null!; }
    }

    /// <summary>The largest position a balance can open at a leverage, within the tier limits.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="balance">The available balance in the settlement asset, &gt; 0.</param>
    /// <param name="price">The entry price, &gt; 0.</param>
    /// <param name="leverage">The leverage, in [1, the contract's maximum].</param>
    /// <param name="reserveOpenFee">True to keep the taker fee of the open out of the balance.</param>
    /// <returns>
    /// The notional is the lower of <c>balance / (1/leverage + fee)</c> and the cap of the last tier that allows the
    /// leverage (Binance calculator "Max Open"); the quantity is that notional in contracts or base units, rounded
    /// down to the lot step.
    /// </returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the calculation overflows decimal.</exception>
    public static MaxOpen MaxOpenQuantity(Contract contract, decimal balance, decimal price, decimal leverage, bool reserveOpenFee = false)
    {
        Preconditions.NotNull(contract);
        Preconditions.Positive(balance);
        Preconditions.Positive(price);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, Inv($"must be in the range [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        try
        {
            var fee = reserveOpenFee ? contract.TakerFeeRate : 0m;
            var byBalance = balance / (1m / leverage + fee);
            var byTier = contract.Tiers.MaxNotionalFor(leverage);
            // A size-basis cap (OKX: contracts × contract value) is the notional cap × price (linear) or ÷ price (inverse).
            if (contract.Tiers.Basis == TierBasis.Quantity && byTier != decimal.MaxValue)
                byTier = contract.Type == ContractType.Linear ? byTier * price : byTier / price;
            bool limitedByTier = byTier < byBalance;
            var notional = limitedByTier ? byTier : byBalance;
            var q = contract.RoundQuantityUnchecked(contract.QuantityForNotionalUnchecked(notional, price));
            if (q <= 0m) return new MaxOpen(0m, 0m, 0m, 0m, limitedByTier, contract.SettlementAsset);
            var n = contract.NotionalUnchecked(q, price);
            return new MaxOpen(q, n, n / leverage, contract.FeeUnchecked(n, maker: false), limitedByTier, contract.SettlementAsset);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(balance), balance, ex); return null!; }
    }
}
