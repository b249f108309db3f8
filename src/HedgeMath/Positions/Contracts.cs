using System.Reflection;

namespace HedgeMath.Positions;

/// <summary>Dated presets of real contracts, with the tier tables and fees the exchange published.</summary>
/// <remarks>
/// <para>Exchanges change tiers and fees; each preset says the date of its data. Build your own
/// <see cref="Contract"/> from a current tier table (<see cref="MarginTierTable.FromBinanceBrackets(string)"/>) when
/// the numbers must match today's exchange.</para>
/// <para>Fees are Binance's regular-user (VIP 0) USDⓈ-M rates without BNB discount: maker 0.02 %, taker 0.05 %.
/// Thread-safe: presets are created once on first use.</para>
/// </remarks>
public static class Contracts
{
    /// <summary>The date of the Binance USDⓈ-M tier data the USDT presets use.</summary>
    public const string BinanceUsdmTiersAsOf = "2024-10";

    private static readonly Lazy<Contract> s_btcUsdt = new(() => Contract.Linear("BTCUSDT", "BTC", "USDT",
        LoadUsdmTiers("BTC/USDT:USDT"), tickSize: 0.1m, lotStep: 0.001m, makerFeeRate: 0.0002m, takerFeeRate: 0.0005m));

    private static readonly Lazy<Contract> s_ethUsdt = new(() => Contract.Linear("ETHUSDT", "ETH", "USDT",
        LoadUsdmTiers("ETH/USDT:USDT"), tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0.0002m, takerFeeRate: 0.0005m));

    private static readonly Lazy<Contract> s_btcUsd = new(() => Contract.Inverse("BTCUSD_PERP", "BTC", "USD", 100m,
        CoinMBtcUsdTiers(), tickSize: 0.1m, lotStep: 1m, makerFeeRate: 0.0002m, takerFeeRate: 0.0005m));

    /// <summary>Binance USDⓈ-M BTCUSDT perpetual: tiers as of October 2024, tick 0.1, lot 0.001 BTC, maker 0.02 %, taker 0.05 %, 8 h funding.</summary>
    public static Contract BinanceBtcUsdt => s_btcUsdt.Value;

    /// <summary>Binance USDⓈ-M ETHUSDT perpetual: tiers as of October 2024, tick 0.01, lot 0.001 ETH, maker 0.02 %, taker 0.05 %, 8 h funding.</summary>
    public static Contract BinanceEthUsdt => s_ethUsdt.Value;

    /// <summary>
    /// Binance COIN-M BTCUSD perpetual (inverse): 100 USD per contract, tick 0.1, lot 1 contract, 8 h funding;
    /// tiers up to 400 BTC notional (see <see cref="CoinMBtcUsdTiers"/> for what is verified). Fee rates are set to
    /// the USDⓈ-M VIP 0 rates (maker 0.02 %, taker 0.05 %) — not verified for COIN-M; pass your own contract if
    /// fees matter to the cent.
    /// </summary>
    public static Contract BinanceCoinMBtcUsd => s_btcUsd.Value;

    /// <summary>The COIN-M BTCUSD tier table of <see cref="BinanceCoinMBtcUsd"/> (notionals in BTC).</summary>
    /// <returns>Seven tiers, 0–400 BTC.</returns>
    /// <remarks>
    /// <para><b>Documented:</b> the notional caps and maximum leverage of every tier (5 / 10 / 20 / 50 / 100 / 200 /
    /// 400 BTC at 125x / 100x / 50x / 20x / 10x / 5x / 4x; Binance FAQ "Leverage and Margin in Coin-Margined Futures
    /// Contracts", 2020 edition) and tier 7 (200–400 BTC): maintenance margin rate 12.5 %, maintenance amount
    /// 11.605 BTC (Binance COIN-M liquidation FAQ; reference vector R2).</para>
    /// <para><b>Not verified against a dated Binance source:</b> the maintenance margin rates of tiers 1–6
    /// (0.4 %, 0.5 %, 1 %, 2.5 %, 5 %, 10 %). They are the rates that, through the recurrence
    /// <c>cum(n) = cum(n−1) + floor(n)·(MMR(n) − MMR(n−1))</c>, reproduce the documented 11.605 BTC of tier 7
    /// exactly, but other rate sets could too. Tiers above 400 BTC are left out rather than guessed: opening a
    /// larger position with this preset throws.</para>
    /// </remarks>
    public static MarginTierTable CoinMBtcUsdTiers() => new(
    [
        new MarginTier(1, 0m, 5m, 125m, 0.004m, 0m),
        new MarginTier(2, 5m, 10m, 100m, 0.005m, 0.005m),
        new MarginTier(3, 10m, 20m, 50m, 0.01m, 0.055m),
        new MarginTier(4, 20m, 50m, 20m, 0.025m, 0.355m),
        new MarginTier(5, 50m, 100m, 10m, 0.05m, 1.605m),
        new MarginTier(6, 100m, 200m, 5m, 0.10m, 6.605m),
        new MarginTier(7, 200m, 400m, 4m, 0.125m, 11.605m),
    ]);

    /// <summary>The text of the embedded Binance USDⓈ-M tier file (October 2024, exchange-client layout with the exchange's brackets under <c>info</c>).</summary>
    /// <returns>The JSON text.</returns>
    public static string BinanceUsdmTiersJson()
    {
        using var stream = typeof(Contracts).Assembly.GetManifestResourceStream("HedgeMath.Data.margin.binance_usdm_leverage_tiers_2024-10.json")
            ?? throw new InvalidOperationException("The embedded Binance tier file is missing from the HedgeMath assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads one symbol's tiers from the embedded Binance USDⓈ-M file.</summary>
    /// <param name="symbol">The key, e.g. <c>BTC/USDT:USDT</c>, <c>ETH/USDT:USDT</c>, <c>SOL/USDT:USDT</c>, <c>XRP/USDT:USDT</c>, <c>BTC/USDT:USDT-241227</c>.</param>
    /// <returns>The tier table (maintenance amounts derived by the cum recurrence; they equal Binance's).</returns>
    /// <exception cref="ArgumentException">The symbol is not in the file.</exception>
    public static MarginTierTable LoadUsdmTiers(string symbol) => MarginTierTable.FromExchangeClientTiers(BinanceUsdmTiersJson(), symbol);
}
