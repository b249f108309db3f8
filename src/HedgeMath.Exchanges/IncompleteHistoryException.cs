namespace HedgeMath.Exchanges;

/// <summary>A page of a history failed after its retries: the range from <see cref="MissingFrom"/> to <see cref="MissingTo"/> was not
/// delivered. Rows before <see cref="MissingFrom"/> were; the history is never silently shorter.</summary>
/// <remarks>The inner exception says why the page failed (usually an <see cref="ExchangeApiException"/>). Thread-safe.</remarks>
public sealed class IncompleteHistoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exchange">The exchange identifier.</param>
    /// <param name="symbol">The symbol.</param>
    /// <param name="series">What was fetched, e.g. <c>mark klines 1h</c> or <c>funding</c>.</param>
    /// <param name="missingFrom">The first instant not delivered (inclusive).</param>
    /// <param name="missingTo">The end of the requested range (exclusive).</param>
    /// <param name="delivered">How many rows were delivered before the failure.</param>
    /// <param name="innerException">Why the page failed.</param>
    public IncompleteHistoryException(string exchange, string symbol, string series, DateTimeOffset missingFrom, DateTimeOffset missingTo,
        int delivered, Exception innerException)
        : base(FormattableString.Invariant(
            $"{exchange} {symbol} {series}: the range {missingFrom:yyyy-MM-ddTHH:mm:ssZ} .. {missingTo:yyyy-MM-ddTHH:mm:ssZ} is missing ({delivered} rows were delivered before it): {innerException.Message}"),
            innerException)
    {
        Exchange = exchange;
        Symbol = symbol;
        Series = series;
        MissingFrom = missingFrom;
        MissingTo = missingTo;
        Delivered = delivered;
    }

    /// <summary>The exchange identifier.</summary>
    public string Exchange { get; }
    /// <summary>The symbol.</summary>
    public string Symbol { get; }
    /// <summary>What was fetched.</summary>
    public string Series { get; }
    /// <summary>The first instant not delivered (inclusive).</summary>
    public DateTimeOffset MissingFrom { get; }
    /// <summary>The end of the requested range (exclusive).</summary>
    public DateTimeOffset MissingTo { get; }
    /// <summary>Rows delivered before the failure.</summary>
    public int Delivered { get; }
}
