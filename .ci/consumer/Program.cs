// A throwaway consumer of the packed HedgeMath package: calls the library and checks a number.
using HedgeMath.Market;

var csv = "date,open,high,low,close,volume\n2024-01-01,42283.58,44184.1,42180.77,44179.55,27174.29903\n";
var candles = MarketCsv.ParseCandles(csv);
var closes = CandleSeries.Closes(candles);
if (candles.Length != 1 || candles[0].Close != 44179.55m || closes[0] != 44179.55)
{
    Console.Error.WriteLine("consumer check failed");
    return 1;
}
Console.WriteLine($"consumer ok: HedgeMath parsed {candles.Length} candle, close {candles[0].Close}");
return 0;
