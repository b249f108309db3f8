using System.Collections.Immutable;

namespace HedgeMath.Exchanges;

/// <summary>The exchange identifiers this package serves: the same names as the core's contract catalog (<c>Contract.Find(exchange, symbol)</c>).</summary>
/// <remarks>Thread-safe (constants).</remarks>
public static class ExchangeNames
{
    /// <summary>Binance USDⓈ-M futures (<c>https://fapi.binance.com</c>, linear, USDT/USDC margined).</summary>
    public const string BinanceUsdm = "binance-usdm";
    /// <summary>Binance COIN-M futures (<c>https://dapi.binance.com</c>, inverse, coin margined).</summary>
    public const string BinanceCoinm = "binance-coinm";
    /// <summary>Bybit v5, category <c>linear</c> (USDT/USDC perpetuals).</summary>
    public const string BybitLinear = "bybit-linear";
    /// <summary>Bybit v5, category <c>inverse</c> (coin-margined).</summary>
    public const string BybitInverse = "bybit-inverse";
    /// <summary>OKX v5 perpetual swaps (instType <c>SWAP</c>: <c>BTC-USDT-SWAP</c> linear, <c>BTC-USD-SWAP</c> inverse).</summary>
    public const string OkxSwap = "okx-swap";

    /// <summary>Every identifier, in the order above.</summary>
    public static ImmutableArray<string> All { get; } = [BinanceUsdm, BinanceCoinm, BybitLinear, BybitInverse, OkxSwap];

    /// <summary>The identifier as this package spells it, for a case-insensitive match; null when it is not served.</summary>
    /// <param name="exchange">The name to look up, e.g. <c>Bybit-Linear</c>.</param>
    /// <returns>The canonical identifier, or null.</returns>
    public static string? Normalize(string? exchange)
    {
        foreach (var e in All)
            if (string.Equals(e, exchange?.Trim(), StringComparison.OrdinalIgnoreCase)) return e;
        return null;
    }
}
