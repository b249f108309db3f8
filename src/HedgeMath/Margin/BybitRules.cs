using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Bybit's isolated-margin liquidation formulas (Unified Trading Account) that are not the Binance balance equation.</summary>
/// <remarks>
/// <para><b>Linear</b> (<see cref="LinearLiquidation"/>). Source: Bybit help centre, "Liquidation Price Calculation under
/// Isolated Mode (Unified Trading Account)" and "Trading Rules: Liquidation Process (Unified Trading Account)", section
/// "USDT Perpetual and Expiry Contracts":
/// <c>LP(long) = [(EP × Size) − (EP × Size ÷ Leverage) − (Extra Margin Added ÷ (1 − taker fee)) − MM Deduction] ÷
/// [Size − (Size × MMR)]</c>,
/// <c>LP(short) = [(EP × Size) + (EP × Size ÷ Leverage) + (Extra Margin Added ÷ (1 + taker fee)) + MM Deduction] ÷
/// [Size + (Size × MMR)]</c>. Initial and maintenance margin both carry the estimated fee to close (Bybit's example:
/// <c>40,000 × (1 − 1/50) × 0.055 % = 21.56</c>, MM <c>= 40,000 × 0.5 % − 0 + 21.56 = 221.56</c>), so it cancels; the
/// maintenance margin is taken at the liquidation price (tier iterated until stable). Bybit's worked example: long 1 BTC
/// at 40,000, 50x, 3,000 USDT extra margin, MMR 0.5 %, taker 0.055 % → 36,380.25 USDT. The stored page copy was cut
/// before this section; its text was read from two independent verbatim quotations of it (see docs/margin.md).</para>
/// <para><b>Inverse</b> (<see cref="InverseLiquidation"/>). Source: the first article above, section
/// "Inverse Perpetual and Expiry Contracts" (version updated 2026-05-27,
/// https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account):
/// <c>LP(long) = [Size × (MMR + 1)] ÷ [Size/EP + Size/EP/Leverage + Extra/(1 + taker fee) + MM deduction]</c>,
/// <c>LP(short) = [Size × (1 − MMR)] ÷ [Size/EP − Size/EP/Leverage − Extra/(1 − taker fee) − MM deduction]</c>, with
/// "Initial Margin = Position Value/Leverage + Estimated Fee to Close" and "Maintenance Margin = Position Value × MMR −
/// MM Deduction + Estimated Fee to Close": the fee to close enters both sides and cancels; the position value
/// (Size ÷ mark) is taken at the liquidation price, so the tier is the one holding Size/LP (iterated until stable).</para>
/// </remarks>
internal static class BybitRules
{
    /// <summary>The Unified Trading Account rules, which count margin as <see cref="CountedMargin"/> does.</summary>
    internal static bool CountsNetOfClosingFee(LiquidationRule r) => r is LiquidationRule.BybitLinearUnified or LiquidationRule.BybitInverse;

    /// <summary>
    /// The position margin both formulas count: the initial margin (entry value ÷ leverage, without the fee to close,
    /// which cancels) plus the extra margin divided by <c>1 − taker</c> (linear long, inverse short) or <c>1 + taker</c>
    /// (linear short, inverse long), as the formulas above write it. The position is liquidated when this plus its
    /// unrealised PnL falls to the maintenance margin at the mark (<c>value(mark) × MMR − deduction</c>); at the
    /// liquidation price the two are equal.
    /// </summary>
    internal static decimal CountedMargin(Position p) => CountedExtra(p, out decimal im) + im;

    /// <summary>The extra margin as counted (÷ (1 ∓ taker)); <paramref name="im"/>: the initial margin, entry value ÷ leverage.</summary>
    private static decimal CountedExtra(Position p, out decimal im)
    {
        im = p.EntryValue / p.Leverage;
        decimal extra = p.IsolatedMargin - im;
        bool minus = p.IsLong == (p.Contract.Type == ContractType.Linear);
        return extra / (minus ? 1m - p.Contract.TakerFeeRate : 1m + p.Contract.TakerFeeRate);
    }

    internal static decimal? LinearLiquidation(Position p, out MarginTier tier)
    {
        var c = p.Contract;
        var table = c.Tiers;
        decimal q = p.Qk;                       // position size in base units
        decimal value = p.EntryValue;           // EP × size, quote
        decimal extra = CountedExtra(p, out decimal im); // extra margin ÷ (1 ∓ taker); IM without the fee to close
        int index = table.IndexFor(table.Key(value, q));
        decimal? lp = null;
        for (int iter = 0; iter < table.Count + 3; iter++)
        {
            var t = table[index];
            decimal num, den;
            if (p.IsLong)
            {
                num = value - im - extra - t.MaintenanceAmount;
                den = q * (1m - t.MaintenanceMarginRate);
            }
            else
            {
                num = value + im + extra + t.MaintenanceAmount;
                den = q * (1m + t.MaintenanceMarginRate);
            }
            lp = MarginCalc.PositivePrice(num, den); // den = q·(1 ∓ MMR) > 0; a num ≤ 0 gives null there
            if (lp is null) break;
            int next = table.IndexFor(table.Key(q * lp.Value, q));
            if (next == index) break;
            index = next;
        }
        tier = table[index];
        return lp;
    }

    internal static decimal? InverseLiquidation(Position p, out MarginTier tier)
    {
        var c = p.Contract;
        var table = c.Tiers;
        decimal q = p.Qk;                       // contracts · size, USD
        decimal value = p.EntryValue;           // Q / EP, coin
        decimal extra = CountedExtra(p, out decimal im); // extra margin ÷ (1 ± taker), IM, coin
        int index = table.IndexFor(value);
        decimal? lp = null;
        for (int iter = 0; iter < table.Count + 3; iter++)
        {
            var t = table[index];
            decimal num, den;
            if (p.IsLong)
            {
                num = q * (1m + t.MaintenanceMarginRate);
                den = value + im + extra + t.MaintenanceAmount;
            }
            else
            {
                num = q * (1m - t.MaintenanceMarginRate);
                den = value - im - extra - t.MaintenanceAmount;
            }
            lp = MarginCalc.PositivePrice(num, den); // num > 0 (MMR < 1): a den ≤ 0 gives null there
            if (lp is null) break;
            int next = table.IndexFor(q / lp.Value);
            if (next == index) break;
            index = next;
        }
        tier = table[index];
        return lp;
    }
}
