using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>The outcome of a historical replay (<see cref="PlanHistory.Run(MarketHistory, HedgeMath.Hedging.PlanDefinition, HedgeMath.Signals.SignalSeries?, TriggerPrice, HedgeMath.Signals.SignalOptions?)"/>): equity curves hedged and
/// unhedged, what the hedge cost and earned, every event the plan's steps reported and its state after the last bar.</summary>
/// <remarks>Money in the quote asset. Immutable and thread-safe.</remarks>
public sealed class ReplayResult
{
    internal ReplayResult() { }

    /// <summary>What happened, bar by bar (<see cref="HedgeMath.Hedging.PlanState.Step"/>'s events, in order).</summary>
    public ImmutableArray<HedgeMath.Hedging.PlanEvent> Events { get; internal set; } = [];
    /// <summary>The plan's state after the last bar (the "now" of the history).</summary>
    public HedgeMath.Hedging.PlanState Final { get; internal set; } = null!;
    /// <summary>The step of the last bar (for the now clock).</summary>
    internal HedgeMath.Hedging.PlanStepResult LastStep { get; set; } = null!;
    /// <summary>The last bar as the plan saw it.</summary>
    internal HedgeMath.Hedging.PlanBar LastBar { get; set; }

    /// <summary>The now clock at the replay's last bar: every rule's state and why, each leg's distances to its stop and liquidation, the margin to keep and the orders to place.</summary>
    /// <returns><see cref="PlanStatus.Of"/> of the last bar's step: what <see cref="PlanHistory.Now(MarketHistory, HedgeMath.Hedging.PlanDefinition, HedgeMath.Signals.SignalSeries?, TriggerPrice, HedgeMath.Signals.SignalOptions?)"/>
    /// gives over the same history, without replaying it again. A leg's <see cref="PlanLegStatus.DistanceToStopFraction"/> is the
    /// adverse move to its stop over the price the stop watches at the last close: <c>(stop − close) / close</c> for a short, <c>(close − stop) / close</c> for a long.</returns>
    /// <remarks>Pure; each call builds a new status.</remarks>
    public PlanStatus Status() => PlanStatus.Of(LastStep, LastBar);

    /// <summary>The policy replayed (its description).</summary>
    public string Policy { get; internal init; } = "";
    /// <summary>The series taken as the mark price, which stops on the mark and liquidation watch: <see cref="TriggerPrice.Mark"/>
    /// (the spot candles stand in for it) or <see cref="TriggerPrice.Last"/> (the perpetual's own last-price candles); see <see cref="PlanHistory.Run(MarketHistory, HedgeMath.Hedging.PlanDefinition, HedgeMath.Signals.SignalSeries?, TriggerPrice, HedgeMath.Signals.SignalOptions?)"/>.</summary>
    public TriggerPrice MarkSource { get; internal init; }
    /// <summary>The hedge's settlement asset (USDT for linear, the coin for inverse).</summary>
    public string SettlementAsset { get; internal init; } = "";
    /// <summary>The quote asset of the equity curves (USDT or USD).</summary>
    public string QuoteAsset { get; internal init; } = "";
    /// <summary><see cref="FuturesPnl"/> in the settlement asset.</summary>
    public decimal FuturesPnlInSettlement { get; internal init; }
    /// <summary><see cref="TotalFees"/> in the settlement asset.</summary>
    public decimal FeesInSettlement { get; internal init; }
    /// <summary><see cref="TotalFunding"/> in the settlement asset.</summary>
    public decimal FundingInSettlement { get; internal init; }
    /// <summary>Partial closes by the drop rule.</summary>
    public int PartialCloses { get; internal init; }
    /// <summary>The sum of the lot rounding of every trade (filled − asked, ≤ 0), in contract units.</summary>
    public decimal LotRounding { get; internal init; }
    /// <summary>Spot held throughout.</summary>
    public decimal SpotQuantity { get; internal init; }
    /// <summary>The UTC date of each bar (the days, for daily data).</summary>
    public ImmutableArray<DateOnly> Dates { get; internal init; }
    /// <summary>The bar interval of the history replayed (one day for daily data).</summary>
    public TimeSpan Interval { get; internal init; }
    /// <summary>The UTC time each bar opens (as <see cref="MarketHistory.Times"/>).</summary>
    public ImmutableArray<DateTimeOffset> Times { get; internal init; }
    /// <summary>Hedged equity at each close.</summary>
    public ImmutableArray<decimal> HedgedEquity { get; internal init; }
    /// <summary>Unhedged equity (spot value) at each close.</summary>
    /// <remarks>A replay whose spot never traded builds it when first read, from the spot closes (the same decimals, scale included).</remarks>
    public ImmutableArray<decimal> UnhedgedEquity
    {
        // An ImmutableArray is one reference: two threads reading it first build equal arrays, and either write is whole.
        get { if (_unhedged.IsDefault && _unhedgedOf is { } build) _unhedged = build(); return _unhedged; }
        internal init => _unhedged = value;
    }
    /// <summary>Hedge ratio held after each close.</summary>
    /// <remarks>A replay of one asset keeps the bars where the ratio changed and builds the series when first read.</remarks>
    public ImmutableArray<decimal> HedgeRatios
    {
        get { if (_ratios.IsDefault && _ratiosOf is { } build) _ratios = build(); return _ratios; }
        internal init => _ratios = value;
    }
    private ImmutableArray<decimal> _unhedged, _ratios;
    private readonly Func<ImmutableArray<decimal>>? _unhedgedOf, _ratiosOf;
    /// <summary>Builds <see cref="UnhedgedEquity"/> when it is first read (instead of setting it).</summary>
    internal Func<ImmutableArray<decimal>>? UnhedgedEquityOf { init => _unhedgedOf = value; }
    /// <summary>Builds <see cref="HedgeRatios"/> when it is first read (instead of setting it).</summary>
    internal Func<ImmutableArray<decimal>>? HedgeRatiosOf { init => _ratiosOf = value; }
    /// <summary>Statistics of the hedged curve.</summary>
    public EquityStatistics Hedged { get; internal init; } = null!;
    /// <summary>Statistics of the unhedged curve.</summary>
    public EquityStatistics Unhedged { get; internal init; } = null!;
    /// <summary>Funding received by the hedge over the replay (negative: paid), quote asset (an inverse hedge's coin at the last perpetual close, like its PnL and fees: the coin stays in the wallet).</summary>
    public decimal TotalFunding { get; internal init; }
    /// <summary>Fees paid on hedge trades (quote asset; an inverse hedge's coin at the last close).</summary>
    public decimal TotalFees { get; internal init; }
    /// <summary>Hedge PnL before fees and funding (realized, liquidation losses, and unrealized at the end).</summary>
    public decimal FuturesPnl { get; internal init; }
    /// <summary>The hedge's own result over the replay: <see cref="FuturesPnl"/> − <see cref="TotalFees"/> + <see cref="TotalFunding"/> (quote asset), as <see cref="HedgeOutcome.HedgeNet"/> is at a price.</summary>
    public decimal HedgeNet => FuturesPnl - TotalFees + TotalFunding;
    /// <summary>Hedge trades (opens, closes, stops, liquidations).</summary>
    public int Trades { get; internal init; }
    /// <summary>Times the hedge was liquidated.</summary>
    public int Liquidations { get; internal init; }
    /// <summary>Times the hedge's stop was hit.</summary>
    public int StopsHit { get; internal init; }
    /// <summary>Bars on which a hedge was held through the bar (days, for daily data).</summary>
    public int DaysHedged { get; internal init; }

    /// <summary>Each asset of the plan over the replay (a plan over several assets: the spot side of its basis risk): its
    /// first and last spot close, the change between them, the spot the plan held of it at the start and that spot's PnL.</summary>
    /// <param name="markets">The histories the replay ran on (<see cref="PlanHistory.Run(IReadOnlyDictionary{string, MarketHistory}, HedgeMath.Hedging.PlanDefinition, HedgeMath.Signals.SignalSeries?, TriggerPrice, HedgeMath.Signals.SignalOptions?)"/>'s
    /// <c>markets</c>), keyed by asset (any case); a one-asset replay's history as <c>{ asset: history }</c>.</param>
    /// <returns>One row per <see cref="HedgeMath.Hedging.PlanDefinition.Assets"/>, in that order: <c>Change = last / first − 1</c> and
    /// <c>SpotPnl = held × (last − first)</c> (quote asset; 0 for an asset only a leg trades), the plan's starting holding
    /// (<see cref="HedgeMath.Hedging.PlanDefinition.SpotQuantityOf"/>) marked from the first close to the last.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="markets"/> is null.</exception>
    /// <exception cref="ArgumentException">An asset of the plan has no history in <paramref name="markets"/>, or its history is not over the replay's bars
    /// (another count of bars or another first bar).</exception>
    public ImmutableArray<(string Asset, decimal FirstClose, decimal LastClose, decimal Change, decimal Held, decimal SpotPnl)> AssetMoves(
        IReadOnlyDictionary<string, MarketHistory> markets)
    {
        Preconditions.NotNull(markets);
        var plan = Final.Plan;
        var rows = ImmutableArray.CreateBuilder<(string, decimal, decimal, decimal, decimal, decimal)>(plan.Assets.Length);
        foreach (var asset in plan.Assets)
        {
            if (!AssetLookup.TryFind(markets, asset, out var h) || h is null)
                Preconditions.ThrowArgument(nameof(markets), $"has no history of {asset}, an asset of the plan");
            if (h.Length != Times.Length || h.Times[0] != Times[0])
                Preconditions.ThrowArgument(nameof(markets), string.Create(CultureInfo.InvariantCulture,
                    $"holds {asset}'s history over {h.Length} bars from {h.Times[0]:yyyy-MM-ddTHH:mm}Z, not the replay's {Times.Length} from {Times[0]:yyyy-MM-ddTHH:mm}Z"));
            decimal first = h.Spot[0].Close, last = h.Spot[^1].Close, held = plan.SpotQuantityOf(asset);
            rows.Add((asset, first, last, last / first - 1m, held, held * (last - first)));
        }
        return rows.MoveToImmutable();
    }

    /// <summary>The spot PnL of the plan's holdings over the replay: the sum of <see cref="AssetMoves"/>' <c>SpotPnl</c> (quote asset).</summary>
    /// <param name="markets">The histories the replay ran on, as <see cref="AssetMoves"/> takes them.</param>
    /// <returns>Σ held × (last close − first close) over the plan's assets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="markets"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="AssetMoves"/>.</exception>
    public decimal SpotPnl(IReadOnlyDictionary<string, MarketHistory> markets)
    {
        decimal spot = 0m;
        foreach (var row in AssetMoves(markets)) spot += row.SpotPnl;
        return spot;
    }

    /// <summary>The hedge's result against the spot's over the replay: <see cref="HedgeNet"/> / the spot PnL of the plan's holdings
    /// (<see cref="SpotPnl"/>); −1 is a hedge that offset the spot's move exactly, a cross hedge's
    /// gap from it is its basis risk.</summary>
    /// <param name="markets">The histories the replay ran on, as <see cref="AssetMoves"/> takes them.</param>
    /// <returns>The ratio, or null when the holdings' spot PnL is 0 (no move to compare with).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="markets"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="AssetMoves"/>.</exception>
    public decimal? HedgeToSpotPnl(IReadOnlyDictionary<string, MarketHistory> markets)
    {
        decimal spot = SpotPnl(markets);
        return spot == 0m ? null : HedgeNet / spot;
    }
}
