using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Bybit's isolated-margin liquidation formulas that are not the Binance balance equation.</summary>
/// <remarks>
/// Source: Bybit help centre, "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)", section
/// "Inverse Perpetual and Expiry Contracts" (version updated 2026-05-27,
/// https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account):
/// <c>LP(long) = [Size × (MMR + 1)] ÷ [Size/EP + Size/EP/Leverage + Extra/(1 + taker fee) + MM deduction]</c>,
/// <c>LP(short) = [Size × (1 − MMR)] ÷ [Size/EP − Size/EP/Leverage − Extra/(1 − taker fee) − MM deduction]</c>, with
/// "Initial Margin = Position Value/Leverage + Estimated Fee to Close" and "Maintenance Margin = Position Value × MMR −
/// MM Deduction + Estimated Fee to Close": the fee to close enters both sides and cancels; the position value
/// (Size ÷ mark) is taken at the liquidation price, so the tier is the one holding Size/LP (iterated until stable).
/// </remarks>
internal static class BybitRules
{
    internal static decimal? InverseLiquidation(Position p, out MarginTier tier)
    {
        var c = p.Contract;
        var table = c.Tiers;
        decimal q = p.Qk;                       // contracts · size, USD
        decimal value = p.EntryValue;           // Q / EP, coin
        decimal im = value / p.Leverage;        // initial margin without the fee to close, coin
        decimal extra = p.IsolatedMargin - im;  // margin added above the initial margin, coin
        decimal fee = c.TakerFeeRate;
        int index = table.IndexFor(value);
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
            lp = den > 0m ? MarginCalc.PositiveOrNull(num / den) : null;
            if (lp is null) break;
            int next = table.IndexFor(q / lp.Value);
            if (next == index) break;
            index = next;
        }
        tier = table[index];
        return lp;
    }
}
