using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// The closed-form liquidation prices with every term non-zero and distinct, so that a flipped sign or a dropped term
/// changes the price (the reference vectors R1/R2 leave UPNL1 of COIN-M and the short side untested).
/// </summary>
public class MarginCalcFormulaTests
{
    [Fact]
    public void BinanceLiquidationPrice_Long_EveryTermCounts()
    {
        // R1: LP = (WB − TMM1 + UPNL1 + cum − side·q·EP) / (q·MMR − side·q).
        // Long 2 at 30,000, WB 20,000, TMM1 1,000, UPNL1 500, cum 300, MMR 1 %:
        // num = 20,000 − 1,000 + 500 + 300 − 60,000 = −40,200; den = 0.02 − 2 = −1.98; LP = 20,303.0303…
        var lp = MarginCalc.BinanceLiquidationPrice(Side.Long, 2m, 30_000m, 20_000m, 0.01m, 300m, 1_000m, 500m);
        Assert.Equal(20_303.030303m, Math.Round(lp!.Value, 6));
    }

    [Fact]
    public void BinanceLiquidationPrice_Short_EveryTermCounts()
    {
        // Short 1 at 50,000, WB 5,000, TMM1 100, UPNL1 −200, cum 0, MMR 0.4 %:
        // num = 5,000 − 100 − 200 + 50,000 = 54,700; den = 0.004 + 1 = 1.004; LP = 54,482.071713…
        var lp = MarginCalc.BinanceLiquidationPrice(Side.Short, 1m, 50_000m, 5_000m, 0.004m, 0m, 100m, -200m);
        Assert.Equal(54_482.071713m, Math.Round(lp!.Value, 6));
    }

    [Fact]
    public void BinanceLiquidationPrice_NonPositive_IsNull()
    {
        // Long 1 at 100 with WB 200 (0.5x): num = 200 − 100 = 100 > 0, den = 0.01 − 1 < 0 → LP < 0 → none.
        Assert.Null(MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 100m, 200m, 0.01m, 0m));
        // Long 1 at 100 with WB 100 (1x, no cum): num = 0 → LP = 0, not a price → none.
        Assert.Null(MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 100m, 100m, 0.01m, 0m));
    }

    [Fact]
    public void CoinMLiquidationPrice_Short_OtherPositionsPnlCounts()
    {
        // R2 formula: LP = (Q·MMR + side·Q) / (WB − TMM1 + UPNL1 + cum + side·Q/EP), Q = contracts·size.
        // Short 1,000 × 100 USD at 50,000, WB 0.5, TMM1 0.1, UPNL1 +0.05 BTC, MMR 1 %, cum 0:
        // num = 1,000 − 100,000 = −99,000; den = 0.5 − 0.1 + 0.05 − 2 = −1.55; LP = 63,870.967741…
        // (with −UPNL1 it would be 99,000/1.65 = 60,000).
        var lp = MarginCalc.CoinMLiquidationPrice(Side.Short, 1_000m, 100m, 50_000m, 0.5m, 0.01m, 0m, 0.1m, 0.05m);
        Assert.Equal(63_870.967742m, Math.Round(lp!.Value, 6));
    }

    [Fact]
    public void CoinMLiquidationPrice_Long_CumAndOthers()
    {
        // Long 1,000 × 100 USD at 50,000, WB 1, TMM1 0.2, UPNL1 −0.3, cum 0.05, MMR 2 %:
        // num = 2,000 + 100,000 = 102,000; den = 1 − 0.2 − 0.3 + 0.05 + 2 = 2.55; LP = 40,000 exactly.
        Assert.Equal(40_000m, MarginCalc.CoinMLiquidationPrice(Side.Long, 1_000m, 100m, 50_000m, 1m, 0.02m, 0.05m, 0.2m, -0.3m));
    }

    [Fact]
    public void CoinMLiquidationPrice_ZeroOrNegativeDenominator_IsNull()
    {
        // Long 1,000 × 100 USD at 50,000 with WB 0 and UPNL1 −2: den = 0 − 0 − 2 + 0 + 2 = 0 → no price (not a division by zero).
        Assert.Null(MarginCalc.CoinMLiquidationPrice(Side.Long, 1_000m, 100m, 50_000m, 0m, 0.01m, 0m, 0m, -2m));
        // UPNL1 −3: den = −1 < 0 with num > 0 → negative → none.
        Assert.Null(MarginCalc.CoinMLiquidationPrice(Side.Long, 1_000m, 100m, 50_000m, 0m, 0.01m, 0m, 0m, -3m));
    }

    [Fact]
    public void ClosedForms_BadInput_NamesTheParameter()
    {
        BadInput.Throws("side", () => MarginCalc.BinanceLiquidationPrice((Side)7, 1m, 1m, 1m, 0.01m, 0m));
        BadInput.Rejects("maintenanceAmount", (decimal v) => MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 1m, 1m, 0.01m, v), BadInput.NegativeDecimals);
        BadInput.Rejects("otherMaintenanceMargin", (decimal v) => MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 1m, 1m, 0.01m, 0m, v), BadInput.NegativeDecimals);
        BadInput.Throws("quantity", () => MarginCalc.BinanceLiquidationPrice(Side.Long, 1e20m, 1e10m, 1m, 0.01m, 0m));

        BadInput.Throws("side", () => MarginCalc.CoinMLiquidationPrice((Side)7, 1m, 100m, 1m, 1m, 0.01m, 0m));
        BadInput.Rejects("contractSize", (decimal v) => MarginCalc.CoinMLiquidationPrice(Side.Long, 1m, v, 1m, 1m, 0.01m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("entryPrice", (decimal v) => MarginCalc.CoinMLiquidationPrice(Side.Long, 1m, 100m, v, 1m, 0.01m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("walletBalance", (decimal v) => MarginCalc.CoinMLiquidationPrice(Side.Long, 1m, 100m, 1m, v, 0.01m, 0m), BadInput.NegativeDecimals);
        BadInput.Rejects("maintenanceMarginRate", (decimal v) => MarginCalc.CoinMLiquidationPrice(Side.Long, 1m, 100m, 1m, 1m, v, 0m), 0m, 1m, -0.1m, 1.5m);
        BadInput.Rejects("maintenanceAmount", (decimal v) => MarginCalc.CoinMLiquidationPrice(Side.Long, 1m, 100m, 1m, 1m, 0.01m, v), BadInput.NegativeDecimals);
        BadInput.Rejects("otherMaintenanceMargin", (decimal v) => MarginCalc.CoinMLiquidationPrice(Side.Long, 1m, 100m, 1m, 1m, 0.01m, 0m, v), BadInput.NegativeDecimals);
        BadInput.Throws("contracts", () => MarginCalc.CoinMLiquidationPrice(Side.Long, 1e20m, 1e10m, 1m, 1m, 0.01m, 0m));
    }
}
