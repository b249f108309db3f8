// A throwaway consumer of the packed HedgeMath package: runs the worked example and checks its numbers.
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;

// 1.0 BTC spot at $50,000, hedge 0.5 BTC with a 10x short on Binance BTCUSDT:
// hedged value = 0.5 · 50,000 = 25,000; notional = 25,000; initial margin = 25,000 / 10 = 2,500.
var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);
// Binance isolated short: LP = (WB + cum + q·EP) / (q·MMR + q) = (2,500 + 0 + 25,000) / (0.5·0.004 + 0.5) = 54,780.88
bool ok = plan.HedgedValue == 25_000m && plan.Notional == 25_000m && plan.InitialMargin == 2_500m
    && plan.LiquidationPrice is { } lp && Math.Round(lp, 2) == 54_780.88m;

var candles = Candle.ParseCsv("date,open,high,low,close,volume\n2024-01-01,42283.58,44184.1,42180.77,44179.55,27174.29903\n");
ok &= candles[0].Close == 44179.55m;

if (!ok)
{
    Console.Error.WriteLine($"consumer check failed: hedged {plan.HedgedValue}, notional {plan.Notional}, IM {plan.InitialMargin}, LP {plan.LiquidationPrice}");
    return 1;
}
Console.WriteLine($"consumer ok: notional {plan.Notional} USDT, initial margin {plan.InitialMargin} USDT, liquidation {plan.LiquidationPrice:0.00}");
return 0;
