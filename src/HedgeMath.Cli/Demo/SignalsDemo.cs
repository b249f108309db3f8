using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Signals;

namespace HedgeMath.Cli.Demo;

/// <summary>Signals on the real BTC/USDT daily series: latest readings, recent fired signals, confluence over history.</summary>
internal static class SignalsDemo
{
    public static void Add(Report report)
    {
        var candles = EmbeddedData.Candles("btcusdt_spot_daily.csv");
        var series = SignalSeries.FromCandles(candles);
        var section = report.Section("When to act: RSI, MACD and Bollinger signals on BTC/USDT daily closes");
        SignalsCommands.AddLatest(section, series);
        SignalsCommands.AddRecent(report.Section("Recent signals on BTC/USDT (last 8 bars with a new signal)"), series, 8);
        var history = report.Section($"Suggested actions over the whole history ({candles[0].Date:yyyy-MM-dd} .. {candles[^1].Date:yyyy-MM-dd})");
        var counts = new int[Enum.GetValues<SuggestedAction>().Length];
        for (int i = 0; i < series.Count; i++) counts[(int)series[i].Confluence.Action]++;
        foreach (var action in Enum.GetValues<SuggestedAction>())
            history.Fact(action.ToString(), counts[(int)action], "bars");
        history.Note("Signals need two agreeing votes before suggesting a trade; single indicators give false signals.");

        // A month of real hourly bars (QuantConnect/Lean sample data, Bitfinex BTCUSD, October 2013; bar time = open, UTC).
        var hours = EmbeddedData.Candles("btcusd_bitfinex_hourly_2013-10.csv");
        var rsi = Rsi.Compute(HedgeMath.Market.Candle.Closes(hours), 14);
        report.Section("Hourly bars: Bitfinex BTC/USD, October 2013")
            .Fact("Bars", hours.Length, $"hourly, {hours[0].Timestamp:yyyy-MM-dd HH:mm} .. {hours[^1].Timestamp:yyyy-MM-dd HH:mm} UTC")
            .Fact("UTC days after resampling", HedgeMath.Market.Candle.Resample(hours, TimeSpan.FromDays(1)).Length)
            .Fact("RSI(14) on the last hourly close", Math.Round(rsi[^1], 1));

        // The scan path: each series' latest bar from active signals computed into one reused buffer (no series built).
        var scan = report.Section("Signal scan: the latest bar of several series through one buffer (hedgemath signals scan)");
        SignalsCommands.AddScan(scan, SignalsCommands.DefaultScan.Select(f => (f, EmbeddedData.Candles(f))), SignalOptions.Default);
        scan.Note("SignalSeries.ComputeActive writes the active signals into a caller-owned span and allocates nothing: a scan over many symbols pays for no series it does not keep.");
    }
}
