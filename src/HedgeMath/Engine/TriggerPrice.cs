namespace HedgeMath.Engine;

/// <summary>Which price a stop watches: the mark price (the index-based price exchanges liquidate on) or the last traded price.</summary>
public enum TriggerPrice
{
    /// <summary>The mark price (Binance "Mark Price" working type).</summary>
    Mark = 1,
    /// <summary>The last traded price of the contract (Binance "Contract Price" working type).</summary>
    Last = 2,
}
