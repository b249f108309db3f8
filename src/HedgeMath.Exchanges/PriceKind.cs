namespace HedgeMath.Exchanges;

/// <summary>Which price a kline series follows.</summary>
public enum PriceKind
{
    /// <summary>The last traded price (Binance <c>klines</c>, Bybit <c>kline</c>, OKX <c>history-candles</c>); the only kind with volume.</summary>
    Last = 1,
    /// <summary>The mark price, on which liquidation and unrealized PnL are computed (volume is 0).</summary>
    Mark = 2,
    /// <summary>The index price, the spot basket the mark follows (volume is 0).</summary>
    Index = 3,
}
