using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;

namespace HedgeMath.Cli.Demo;

/// <summary>Live data (HedgeMath.Exchanges): what is fetched locally already, and the commands that fetch more. Runs offline.</summary>
internal static class LiveDataDemo
{
    public static void Add(Report report)
    {
        var overlays = ContractOverlays.Load();
        var section = report.Section("Live data from Binance, Bybit and OKX (HedgeMath.Exchanges; the commands need a network)")
            .Fact("Contract overlays in " + ContractOverlays.DefaultDirectory, overlays.Length)
            .Fact("Mark-price candles to a file", "hedgemath fetch mark --exchange bybit-linear --symbol BTCUSDT --interval 1h --from 2024-01-01 --to now --out btc-mark.csv")
            .Fact("Funding history to a file", "hedgemath fetch funding --exchange binance-usdm --symbol BTCUSDT --from 2024-01-01 --to now --out funding.csv")
            .Fact("Your positions, HedgeMath beside the exchange", "hedgemath positions import --exchange okx-swap --out positions.csv  (keys: HEDGEMATH_OKX_API_KEY, _API_SECRET, _API_PASSPHRASE)")
            .Fact("Today's tiers as a dated overlay", "hedgemath contracts refresh --exchange bybit-inverse");
        foreach (var o in overlays.Take(5))
            section.Fact($"{o.Contract.Exchange} {o.Contract.Symbol}", $"fetched {o.FetchedAt:yyyy-MM-dd HH:mm}Z, {o.Contract.Tiers.Count} tiers ({o.TiersFormat})");
        section.Note("Fetched files are the formats the other commands read (signals --candles, risk --positions-csv); overlays take precedence over the embedded catalog in every contract lookup. See docs/live-data.md.");
    }
}
