using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>"Leverage-assisted buy-back": reach a larger exposure than the spot held by adding a long futures position (hold 10 ETH, want 12 ETH: long 2 ETH futures).</summary>
/// <remarks>
/// Futures quantity = target exposure − spot quantity, rounded down to the lot step; margin, liquidation price
/// (<see cref="MarginCalc"/>), funding (a long pays at a positive rate) and fees as for a hedge, on the long side.
/// Immutable and thread-safe.
/// </remarks>
public sealed class LeveragedExposurePlan
{
    private LeveragedExposurePlan(SpotHolding holding, decimal target, decimal price, Position position, MarginSnapshot margin, decimal fundingPerDay,
        HedgePlanOptions options, ImmutableArray<HedgeWarning> warnings, decimal? stopPrice = null)
    {
        Holding = holding; TargetExposure = target; Price = price; Position = position; Margin = margin; FundingPerDay = fundingPerDay; Options = options; Warnings = warnings;
        StopPrice = stopPrice;
        _book = HedgeBook.Empty.Open(position.Contract, Side.Long, position.Quantity, price, position.Leverage, MarginMode.Isolated,
            position.IsolatedMargin, stopPrice is { } sp ? StopOrder.At(sp) : null, options.MakerFees, options.Rule).Book;
    }

    /// <summary>The long's stop-loss price (below the entry), or null without one.</summary>
    public decimal? StopPrice { get; }

    /// <summary>
    /// The same plan with a stop-loss on the long at <paramref name="stopPrice"/> (a sell stop on the mark, below the
    /// entry): <see cref="OutcomeAt"/> stops the long where the path crosses it, and the revenge-trading check reads
    /// its distance (<see cref="HedgeWarningCode.StopWidenedAfterLoss"/>).
    /// </summary>
    /// <param name="stopPrice">The stop price, in (0, the decision price).</param>
    /// <returns>The plan with the stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stopPrice"/> is not positive or not below the decision price.</exception>
    public LeveragedExposurePlan WithStop(decimal stopPrice)
    {
        Preconditions.Positive(stopPrice);
        if (stopPrice >= Price) Preconditions.ThrowOutOfRange(nameof(stopPrice), stopPrice, $"must be below the decision price {Price} (a long's stop)");
        var warnings = ImmutableArray.CreateBuilder<HedgeWarning>();
        foreach (var w in Warnings)
            if (w.Code is not (HedgeWarningCode.LeverageRaisedAfterLoss or HedgeWarningCode.SizeRaisedAfterLoss or HedgeWarningCode.StopWidenedAfterLoss)) warnings.Add(w);
        warnings.AddRange(HedgePlan.Revenge(Position.Leverage, HedgePlan.BaseQuantity(Position.Contract, Position.Quantity, Price), 1m - stopPrice / Price, Options.PreviousHedge));
        return new LeveragedExposurePlan(Holding, TargetExposure, Price, Position, Margin, FundingPerDay, Options, warnings.ToImmutable(), stopPrice);
    }

    private readonly HedgeBook _book;

    /// <summary>The spot holding.</summary>
    public SpotHolding Holding { get; }
    /// <summary>The exposure wanted, in coins.</summary>
    public decimal TargetExposure { get; }
    /// <summary>The price at decision time.</summary>
    public decimal Price { get; }
    /// <summary>The long futures position.</summary>
    public Position Position { get; }
    /// <summary>Its margin picture at entry.</summary>
    public MarginSnapshot Margin { get; }
    /// <summary>Options used.</summary>
    public HedgePlanOptions Options { get; }
    /// <summary>Warnings (leverage above cap, leverage raised after a loss).</summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }
    /// <summary>Futures quantity in contracts, as the exchange counts it (<see cref="Position.Quantity"/>; coins = contracts × contract size, which <see cref="TotalExposure"/> adds).</summary>
    public decimal FuturesQuantity => Position.Quantity;
    /// <summary>The coins the long carries: <see cref="FuturesQuantity"/> × the contract size (a linear contract's size is in coins).</summary>
    public decimal FuturesCoins => Position.Quantity * Position.Contract.ContractSize;
    /// <summary>Total exposure after the plan: spot + futures coins.</summary>
    public decimal TotalExposure => Holding.Quantity + FuturesCoins;
    /// <summary>Exposure value at the decision price (quote asset).</summary>
    public decimal ExposureValue => TotalExposure * Price;
    /// <summary>Futures notional (settlement asset).</summary>
    public decimal Notional => Margin.Notional;
    /// <summary>Initial margin of the long.</summary>
    public decimal InitialMargin => Margin.InitialMargin;
    /// <summary>Liquidation price of the long (null when none).</summary>
    public decimal? LiquidationPrice => Margin.LiquidationPrice;
    /// <summary>Fee to open the long.</summary>
    public decimal OpenFee => Position.OpenFee(Options.MakerFees);
    /// <summary>Funding cash flow per day at the assumed rate (negative = paid; a long pays at a positive rate).</summary>
    public decimal FundingPerDay { get; }
    /// <summary>Funding per 30 days.</summary>
    public decimal FundingPer30Days => FundingPerDay * 30m;

    /// <summary>Creates the plan.</summary>
    /// <param name="holding">The spot holding (its asset = the contract's base asset).</param>
    /// <param name="targetExposure">The exposure wanted in coins, above the holding.</param>
    /// <param name="contract">A linear contract.</param>
    /// <param name="leverage">The long's leverage.</param>
    /// <param name="price">The price now.</param>
    /// <param name="options">Options (leverage cap, funding rate, rule, maker fees).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (target not above the holding, leverage outside the contract's limits).</exception>
    /// <exception cref="ArgumentException">An inverse contract or a different asset.</exception>
    public static LeveragedExposurePlan Create(SpotHolding holding, decimal targetExposure, Contract contract, decimal leverage, decimal price,
        HedgePlanOptions? options = null)
    {
        Preconditions.NotNull(holding);
        Preconditions.NotNull(contract);
        Preconditions.Positive(price);
        if (holding.Quantity <= 0m) Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, "must hold a quantity greater than 0");
        options ??= HedgePlanOptions.Default;
        HedgePlan.ValidateOptions(options);
        if (contract.Type != ContractType.Linear) Preconditions.ThrowArgument(nameof(contract), "must be linear (exposure in coins)");
        if (!string.Equals(holding.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase))
            Preconditions.ThrowArgument(nameof(contract), $"is on {contract.BaseAsset} but the holding is {holding.Asset}");
        if (targetExposure <= holding.Quantity)
            Preconditions.ThrowOutOfRange(nameof(targetExposure), targetExposure, $"must be above the spot held ({holding.Quantity})");
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}");
        decimal q;
        Position pos;
        MarginSnapshot margin;
        decimal funding;
        try
        {
            q = contract.RoundQuantity((targetExposure - holding.Quantity) / contract.ContractSize);
            if (q <= 0m) Preconditions.ThrowOutOfRange(nameof(targetExposure), targetExposure, $"adds less than one lot step ({contract.LotStep})");
            pos = Position.Open(contract, Side.Long, q, price, leverage, MarginMode.Isolated, options.IsolatedMargin);
            margin = MarginCalc.Isolated(pos, price, options.Rule);
            funding = Funding.Project(pos, price, options.FundingRatePerInterval).PerDay;
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(targetExposure), targetExposure, ex); throw; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(holding) or nameof(targetExposure) or nameof(contract) or nameof(leverage) or nameof(price) or nameof(options)))
        {
            throw e.ParamName is "quantity" ? Preconditions.Renamed(e, nameof(targetExposure), targetExposure)
                : e.ParamName is "isolatedMargin" or "ratePerInterval" or "rule" ? Preconditions.Renamed(e, nameof(options), null)
                : Preconditions.Renamed(e, nameof(price), price);
        }
        var warnings = ImmutableArray.CreateBuilder<HedgeWarning>();
        if (leverage > options.LeverageCap)
            warnings.Add(new HedgeWarning(HedgeWarningCode.LeverageAboveCap,
                string.Create(CultureInfo.InvariantCulture, $"Leverage {leverage}x is above the cap of {options.LeverageCap}x."),
                [HedgeWarning.Fig("leverage", leverage), HedgeWarning.Fig("cap", options.LeverageCap)]));
        // The long has no stop in this plan: after a losing trade that had one, that is a removed stop.
        warnings.AddRange(HedgePlan.Revenge(leverage, HedgePlan.BaseQuantity(pos.Contract, pos.Quantity, price), null, options.PreviousHedge));
        return new LeveragedExposurePlan(holding, targetExposure, price, pos, margin, funding, options, warnings.ToImmutable());
    }

    /// <summary>The outcome at a later price.</summary>
    /// <param name="price">The later price, &gt; 0.</param>
    /// <param name="funding">Funding in or out (<see cref="FundingTerms.None"/> by default).</param>
    /// <returns>The one outcome row (<see cref="HedgeOutcome"/>) for the long: spot PnL against the cost basis and the decision
    /// price, the long's PnL, fees, funding and exit, its net (<see cref="HedgeOutcome.HedgeNet"/>), the coins it carries, the
    /// coins its profit buys and the cash that turns it into spot (<see cref="HedgeOutcome.CashToBuySpot"/>).</returns>
    /// <remarks>Runs on the engine along the straight path from the decision price (<see cref="HedgeBook.MoveStraight"/>):
    /// below its liquidation price the long has lost its isolated margin, no more.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public HedgeOutcome OutcomeAt(decimal price, FundingTerms? funding = null)
    {
        Preconditions.Positive(price);
        try
        {
            var leg = _book.MoveStraight(Price, price, funding ?? FundingTerms.None).Legs[0];
            return HedgeOutcome.FromLeg(leg, price, price, Holding.Quantity * (price - Holding.AverageCost), Holding.Quantity * (price - Price),
                Options.MakerFees, FuturesCoins);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); throw; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(price) or nameof(funding)))
        {
            throw Preconditions.Renamed(e, nameof(price), price);
        }
    }
}
