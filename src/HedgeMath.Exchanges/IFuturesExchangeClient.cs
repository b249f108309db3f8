using System.Collections.Immutable;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>One exchange's futures market data and read-only account data, mapped onto HedgeMath's types.</summary>
/// <remarks>
/// Histories are <see cref="IAsyncEnumerable{T}"/>: pages are requested as they are consumed, ascending, with no duplicates and
/// nothing outside [from, to). A page that fails after its retries ends the enumeration with an
/// <see cref="IncompleteHistoryException"/> naming the missing range — never a silently shorter history. Implementations
/// are thread-safe.
/// </remarks>
public interface IFuturesExchangeClient
{
    /// <summary>The exchange identifier (<see cref="ExchangeNames"/>).</summary>
    string Exchange { get; }

    /// <summary>Klines of the last, mark or index price in [<paramref name="from"/>, <paramref name="to"/>), paged.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="interval">The interval (<see cref="ExchangeIntervals.IsSupported"/>).</param>
    /// <param name="from">The first open time (inclusive).</param>
    /// <param name="to">The end (exclusive).</param>
    /// <param name="price">Which price.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentException">The symbol is blank, the interval unsupported or the range empty.</exception>
    /// <exception cref="IncompleteHistoryException">A page failed.</exception>
    IAsyncEnumerable<Candle> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset from, DateTimeOffset to, PriceKind price = PriceKind.Last,
        CancellationToken cancellationToken = default);

    /// <summary>Funding prints in [<paramref name="from"/>, <paramref name="to"/>), paged.</summary>
    /// <param name="symbol">The perpetual's symbol.</param>
    /// <param name="from">The first settlement time (inclusive).</param>
    /// <param name="to">The end (exclusive).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The prints, ascending.</returns>
    /// <exception cref="ArgumentException">The symbol is blank or the range empty.</exception>
    /// <exception cref="IncompleteHistoryException">A page failed.</exception>
    IAsyncEnumerable<FundingEvent> GetFundingHistoryAsync(string symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The current funding rate and next funding time.</summary>
    /// <param name="symbol">The perpetual's symbol.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ExchangeApiException">The call failed.</exception>
    Task<FundingSnapshot> GetCurrentFundingAsync(string symbol, CancellationToken cancellationToken = default);

    /// <summary>The instrument listing: tick, lot, contract size, maximum leverage.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instrument.</returns>
    /// <exception cref="ExchangeApiException">The call failed, or the symbol is not listed (<see cref="ExchangeErrorKind.InvalidSymbol"/>).</exception>
    Task<InstrumentInfo> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default);

    /// <summary>The maintenance tiers as the exchange serves them today, and the raw response in its own format.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The table and the response text.</returns>
    /// <exception cref="ExchangeApiException">The call failed (Binance serves brackets only to a signed request: <see cref="ExchangeErrorKind.MissingCredentials"/> without keys).</exception>
    Task<(MarginTierTable Tiers, string Json)> GetMarginTiersAsync(string symbol, CancellationToken cancellationToken = default);

    /// <summary>The contract from live data: the instrument and today's tiers, fees from the embedded catalog entry (or the exchange's base fee tier when there is none).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contract with its fetch time and sources.</returns>
    /// <exception cref="ExchangeApiException">A call failed.</exception>
    Task<ContractSnapshot> GetContractAsync(string symbol, CancellationToken cancellationToken = default);

    /// <summary>The account's open positions (signed, read-only).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The non-zero positions.</returns>
    /// <exception cref="ExchangeApiException">The call failed (missing or invalid key, missing permission, clock skew: see <see cref="ExchangeApiException.Kind"/>).</exception>
    Task<ImmutableArray<ExchangePosition>> GetPositionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The account's futures balances (signed, read-only).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balances.</returns>
    /// <exception cref="ExchangeApiException">The call failed.</exception>
    Task<ImmutableArray<ExchangeBalance>> GetBalancesAsync(CancellationToken cancellationToken = default);
}
