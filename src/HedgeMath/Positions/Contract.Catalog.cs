using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

// The contract catalog: real contracts looked up by exchange and symbol (the catalog is described in the class's remarks, Contract.cs).
public sealed partial class Contract
{
    /// <summary>Every contract of the catalog, in catalog order (exchange, then symbol as listed), each with its provenance (<see cref="Contract.AsOf"/>, <see cref="Contract.Source"/>, <see cref="Contract.Unverified"/>).</summary>
    public static ImmutableArray<Contract> Catalog => ContractCatalog.Instance.Entries;

    /// <summary>The exchange ids of the catalog.</summary>
    public static IEnumerable<string> CatalogExchanges => Catalog.Select(e => e.Exchange!).Distinct(StringComparer.Ordinal);

    /// <summary>Looks a contract up by exchange and symbol.</summary>
    /// <param name="exchange">The exchange id, e.g. <c>binance-usdm</c> (case-insensitive).</param>
    /// <param name="symbol">The symbol, e.g. <c>ETHUSDT</c> (case-insensitive).</param>
    /// <returns>The contract, tagged with its exchange and liquidation rule, and the provenance of its numbers (snapshot date, source, unverified fields).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No such contract; the message lists the closest matches.</exception>
    public static Contract Find(string exchange, string symbol)
    {
        Preconditions.NotNull(exchange);
        Preconditions.NotNull(symbol);
        if (ContractCatalog.TryFind(exchange, symbol, out var entry)) return entry!;
        var close = string.Join(", ", ContractCatalog.ClosestMatches(exchange, symbol, 3));
        bool knownExchange = CatalogExchanges.Contains(exchange, StringComparer.OrdinalIgnoreCase);
        throw new ArgumentException(knownExchange
            ? $"The catalog has no contract '{symbol}' on {exchange}; closest: {close}."
            : $"The catalog has no exchange '{exchange}' (it has {string.Join(", ", CatalogExchanges)}); closest to '{exchange} {symbol}': {close}.",
            knownExchange ? nameof(symbol) : nameof(exchange));
    }

    /// <summary>Looks a contract up by exchange and symbol without throwing.</summary>
    /// <param name="exchange">The exchange id (case-insensitive).</param>
    /// <param name="symbol">The symbol (case-insensitive).</param>
    /// <param name="contract">The contract when found.</param>
    /// <returns>True when the catalog holds the contract.</returns>
    public static bool TryFind(string? exchange, string? symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Contract? contract)
    {
        contract = null;
        if (exchange is null || symbol is null || !ContractCatalog.TryFind(exchange, symbol, out var entry)) return false;
        contract = entry!;
        return true;
    }

    /// <summary>Binance USDⓈ-M BTCUSDT perpetual from the catalog: tiers as of October 2024, tick 0.1, lot 0.001 BTC, maker 0.02 %, taker 0.05 %, 8 h funding.</summary>
    public static Contract BinanceBtcUsdt => Find("binance-usdm", "BTCUSDT");

    /// <summary>Binance USDⓈ-M ETHUSDT perpetual from the catalog: tiers as of October 2024, tick 0.01, lot 0.001 ETH, maker 0.02 %, taker 0.05 %, 8 h funding.</summary>
    public static Contract BinanceEthUsdt => Find("binance-usdm", "ETHUSDT");

    /// <summary>
    /// Binance COIN-M BTCUSD perpetual (inverse) from the catalog: 100 USD per contract, tick 0.1, lot 1 contract, 8 h funding;
    /// tiers up to 1,500 BTC notional (sources below; the table is <see cref="Contract.Tiers"/>, notionals in BTC). Fee rates are set to
    /// the USDⓈ-M VIP 0 rates (maker 0.02 %, taker 0.05 %) — not verified for COIN-M; pass your own contract if
    /// fees matter to the cent.
    /// </summary>
    /// <remarks>
    /// <para><b>Tiers, caps and maximum leverage</b> (5 / 10 / 20 / 50 / 100 / 200 / 400 / 1,000 / 1,500 BTC at 125x / 100x /
    /// 50x / 20x / 10x / 5x / 4x / 3x / 2x): Binance FAQ "Leverage and Margin in Coin-Margined Futures Contracts" (tiers
    /// 1–7 in its 2020 edition, all nine in the edition of 2021-07-27 or later).</para>
    /// <para><b>Maintenance margin rates</b> (0.4 / 0.5 / 1 / 2.5 / 5 / 10 / 12.5 / 15 / 25 %): Binance's
    /// <c>/dapi/v2/leverageBracket</c> brackets as recorded in ccxt's static Binance test (undated). The maintenance
    /// amounts follow Binance's recurrence <c>cum(n) = cum(n−1) + floor(n)·(MMR(n) − MMR(n−1))</c>; tier 7's 11.605 BTC is
    /// the value Binance's COIN-M liquidation FAQ documents (reference vector R2). The uncapped tenth tier (above
    /// 1,500 BTC, 1x) is left out: opening a larger position on this contract throws. Sources in
    /// <c>data/margin/SOURCES.md</c>.</para>
    /// </remarks>
    public static Contract BinanceCoinMBtcUsd => Find("binance-coinm", "BTCUSD_PERP");
}
