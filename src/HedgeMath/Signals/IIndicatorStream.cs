namespace HedgeMath.Signals;

/// <summary>
/// A streaming indicator: one bar at a time, O(1) (or O(window)) per bar, allocation-free and bit-identical to its batch
/// form. <see cref="Ema"/>, <see cref="Sma"/>, <see cref="Rsi"/>, <see cref="Macd"/> and
/// <see cref="BollingerBands"/> read closes (<c>double</c>); <see cref="Atr"/> reads candles.
/// </summary>
/// <typeparam name="TInput">What one bar gives the indicator: a close, or a candle.</typeparam>
/// <typeparam name="TValue">The indicator's reading at a bar.</typeparam>
/// <remarks>
/// <see cref="Add"/> appends a closed bar; <see cref="ReplaceLast"/> revises the last, still-forming bar (a live candle)
/// as often as needed: the state before that bar is kept and the bar re-applied, so a revised bar gives exactly what
/// adding the final bar once would have. Code written against this interface runs any of the indicators on a live feed.
/// Implementations are not thread-safe: one stream per feed, updated by one thread.
/// </remarks>
public interface IIndicatorStream<in TInput, out TValue>
{
    /// <summary>Bars added so far.</summary>
    int Count { get; }

    /// <summary>True once the warm-up is over (<see cref="Current"/> has no NaN part).</summary>
    bool IsReady { get; }

    /// <summary>The reading at the last bar (NaN, or NaN parts, during warm-up and before the first bar).</summary>
    TValue Current { get; }

    /// <summary>Appends a closed bar.</summary>
    /// <param name="value">The bar (finite prices).</param>
    /// <returns>The reading at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is NaN or infinite.</exception>
    TValue Add(TInput value);

    /// <summary>Replaces the last bar (it is still forming).</summary>
    /// <param name="value">The bar's new state (finite prices).</param>
    /// <returns>The reading at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    TValue ReplaceLast(TInput value);

    /// <summary>Forgets every bar.</summary>
    void Reset();
}
