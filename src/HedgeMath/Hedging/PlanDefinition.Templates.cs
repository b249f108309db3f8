using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

// The strategies as plans (issue 28 item 3): each builds the PlanDefinition that runs it on any clock and saves as a
// document. FromHedgePlan (PlanDefinition.cs) serves the one-leg hedges (plan, sell-and-hedge, de-risk).
public sealed partial class PlanDefinition
{
    /// <summary>
    /// The plan of a scale-out ladder: one short leg on the ladder's contract, flat at the start, and per rung a
    /// <see cref="RuleTrigger.Once"/> rule "spot close at or above the rung's target → raise the short to the
    /// cumulative fraction so far" (rungs in order, so a bar that passes several targets takes the last one's ratio).
    /// </summary>
    /// <remarks>The ladder assumes each short opens at its target (a resting order); the plan trades at the close of the
    /// bar whose close reaches it (a market order after the close), so on a clock of bars its entries are at those closes.</remarks>
    /// <param name="ladder">The ladder.</param>
    /// <param name="stop">The short's stop (following its average entry), or null.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ladder"/> is null.</exception>
    public static PlanDefinition FromScaleOutLadder(ScaleOutLadder ladder, LegStop? stop = null)
    {
        Preconditions.NotNull(ladder);
        // The contract's own rule stays implicit (null), as a document writes it; another rule is the leg's.
        LiquidationRule? rule = Equals(ladder.Rule, MarginCalc.DefaultRule(ladder.Contract)) ? null : ladder.Rule;
        var leg = new PlanLeg(ladder.Contract, 0m, ladder.Leverage, Side.Short, MarginMode.Isolated, stop, rule: rule);
        var rules = new List<PlanRule>(ladder.Rungs.Length);
        decimal cumulative = 0m;
        foreach (var r in ladder.Rungs)
        {
            cumulative += r.Fraction;
            rules.Add(new PlanRule(PlanCondition.PriceAtOrAbove(r.TargetPrice), RuleAction.RaiseTo(cumulative), RuleTrigger.Once,
                string.Create(CultureInfo.InvariantCulture, $"rung {r.Index + 1}: at {r.TargetPrice} short {cumulative} of the holding")));
        }
        return Create(string.Create(CultureInfo.InvariantCulture, $"scale-out ladder: {ladder.Rungs.Length} rungs on {ladder.Contract.Symbol}"),
            [ladder.Holding], [leg], rules);
    }

    /// <summary>
    /// The plan of a leveraged buy-back: the holding and one long leg on the plan's contract sized to the extra exposure
    /// (ratio = (target exposure − spot) / spot), opened at the first close.
    /// </summary>
    /// <param name="plan">The buy-back plan.</param>
    /// <param name="stop">The long's stop; null: the plan's <see cref="LeveragedExposurePlan.StopPrice"/> as a price stop, or none.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The extra exposure is more than <see cref="HedgePlan.MaxHedgeRatio"/> times the spot held (named <paramref name="plan"/>).</exception>
    public static PlanDefinition FromLeveragedExposure(LeveragedExposurePlan plan, LegStop? stop = null)
    {
        Preconditions.NotNull(plan);
        decimal ratio = (plan.TargetExposure - plan.Holding.Quantity) / plan.Holding.Quantity;
        if (ratio > HedgePlan.MaxHedgeRatio)
            Preconditions.ThrowOutOfRange(nameof(plan), ratio, string.Create(CultureInfo.InvariantCulture,
                $"asks for a long of {ratio:0.####} times the spot held; a plan leg is at most {HedgePlan.MaxHedgeRatio} times it"));
        stop ??= plan.StopPrice is { } sp ? LegStop.AtPrice(sp) : null;
        var leg = new PlanLeg(plan.Position.Contract, ratio, plan.Position.Leverage, Side.Long, MarginMode.Isolated, stop, rule: plan.Options.Rule);
        return Create(string.Create(CultureInfo.InvariantCulture, $"buy-back: {plan.TargetExposure} {plan.Holding.Asset} of exposure"),
            [plan.Holding], [leg]);
    }

    /// <summary>
    /// The plan of a scale-in ladder, run from a spot holding: per rung a <see cref="RuleTrigger.Once"/> rule "close at
    /// or below the rung's price" (at or above for a pyramiding ladder) that buys the rung's quantity. A spot ladder buys
    /// spot (<see cref="RuleAction.BuySpotQuantity"/>: the rung's quantity, exactly); a futures ladder raises one long leg, flat at the start, to the cumulative
    /// quantity (<see cref="RuleAction.RaiseTo"/>, the ratio of the holding that is the ladder's contracts so far), and
    /// where a rung has a stop the same condition moves the leg's stop to it (<see cref="RuleAction.MoveStop"/>; a rung
    /// without one removes it, as the ladder's stop is for the whole position after that rung).
    /// </summary>
    /// <remarks>
    /// <para>The ladder assumes each entry fills at its price (a resting order); the plan trades at the close of the bar
    /// whose close reaches it, so on a path whose closes land on the rungs it buys at the rung prices.</para>
    /// <para>A spot ladder's stops: a plan has no spot stop, so an averaging-down ladder whose last rung has a stop gets a
    /// rule "close at or below that stop → sell the ladder's purchases" (a close below it has passed every rung, whose
    /// prices are above it; an earlier rung's stop lies above the next rung, so that rung replaces it first). A
    /// pyramiding spot ladder's stops lie below rungs not yet reached and are not in the plan.</para>
    /// </remarks>
    /// <param name="ladder">The ladder.</param>
    /// <param name="holding">The spot held before the ladder (quantity &gt; 0: a plan sizes its buys and its legs from the spot held), of the ladder's asset.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The holding is of another asset.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The holding is empty, or (a futures ladder) so small that a rung's contracts are more than <see cref="HedgePlan.MaxHedgeRatio"/> times it (named <paramref name="holding"/>).</exception>
    public static PlanDefinition FromScaleInLadder(ScaleInLadder ladder, SpotHolding holding)
    {
        Preconditions.NotNull(ladder);
        Preconditions.NotNull(holding);
        if (holding.Quantity <= 0m)
            Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, "must hold a quantity greater than 0: a plan sizes its buys and legs from the spot held");
        var contract = ladder.Position?.Contract;
        string asset = contract?.BaseAsset ?? ladder.Instrument;
        if (!string.Equals(holding.Asset, asset, StringComparison.OrdinalIgnoreCase))
            Preconditions.ThrowArgument(nameof(holding), $"is {holding.Asset}; the ladder buys {asset}");
        bool rising = ladder.IsPyramiding;
        var rules = new List<PlanRule>();
        string Label(ScaleInRung r) => string.Create(CultureInfo.InvariantCulture, $"entry {r.Index + 1}: at {r.Price} buy {r.QuantityAdded}");
        PlanCondition At(decimal price) => rising ? PlanCondition.PriceAtOrAbove(price) : PlanCondition.PriceAtOrBelow(price);
        if (contract is null)
        {
            foreach (var r in ladder.Rungs)
                rules.Add(new PlanRule(At(r.Price), RuleAction.BuySpotQuantity(r.QuantityAdded), RuleTrigger.Once, Label(r)));
            var last = ladder.Rungs[^1];
            if (!rising && last.StopPrice is { } stop)
            {
                decimal bought = last.CumulativeQuantity;
                rules.Add(new PlanRule(PlanCondition.PriceAtOrBelow(stop), RuleAction.SellSpotQuantity(bought), RuleTrigger.Once,
                    string.Create(CultureInfo.InvariantCulture, $"stop: at {stop} sell the ladder's {bought}")));
            }
            return Create(string.Create(CultureInfo.InvariantCulture, $"scale-in ladder: {ladder.Rungs.Length} spot entries of {asset}"), [holding], [], rules);
        }

        // The contract's own rule stays implicit (null), as a document writes it; another rule is the leg's.
        LiquidationRule? rule = ladder.Rule is null || Equals(ladder.Rule, MarginCalc.DefaultRule(contract)) ? null : ladder.Rule;
        var leg = new PlanLeg(contract, 0m, ladder.Position!.Leverage, Side.Long, MarginMode.Isolated, null, rule: rule);
        bool anyStop = ladder.Rungs.Any(r => r.StopPrice is not null);
        foreach (var r in ladder.Rungs)
        {
            // Contracts = ratio × spot / size (× price for an inverse contract, at the rung's close). The ratio is rounded up
            // at the 20th place so that ratio × spot / size is never a hair below the ladder's lot-rounded quantity (which
            // the engine would round down a whole lot): the excess, below 1e-19 contracts, is far under any lot step.
            decimal exact = r.CumulativeQuantity * contract.ContractSize / (holding.Quantity * (contract.Type == ContractType.Linear ? 1m : r.Price));
            decimal ratio = Math.Round(exact, 20, MidpointRounding.ToPositiveInfinity);
            if (ratio > HedgePlan.MaxHedgeRatio) TooSmall(holding, r.CumulativeQuantity, holding.Quantity);
            rules.Add(new PlanRule(At(r.Price), RuleAction.RaiseTo(ratio), RuleTrigger.Once, Label(r)));
            if (anyStop)
                rules.Add(new PlanRule(At(r.Price), RuleAction.MoveStop(r.StopPrice is { } sp ? LegStop.AtPrice(sp) : null), RuleTrigger.Once,
                    string.Create(CultureInfo.InvariantCulture, $"entry {r.Index + 1}: stop {(r.StopPrice is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none")}")));
        }
        return Create(string.Create(CultureInfo.InvariantCulture, $"scale-in ladder: {ladder.Rungs.Length} entries on {contract.Symbol}"), [holding], [leg], rules);
    }

    private static void TooSmall(SpotHolding holding, decimal quantity, decimal held) =>
        Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, string.Create(CultureInfo.InvariantCulture,
            $"is too small for the ladder: it asks for {quantity}, more than {HedgePlan.MaxHedgeRatio} times the {held} held then (a plan sizes its trades from the spot held)"));

    /// <summary>
    /// The plan of a rebalancing band kept with a futures hedge instead of spot trades: the bucket's holding, one short
    /// leg on <paramref name="contract"/> (at the restoring ratio now when the bucket is above its band, else flat), and
    /// per level a <see cref="RuleTrigger.Once"/> rule "close at or above the price where the bucket's effective weight
    /// reaches target + band → raise the short so the effective weight is back at the target", and, while a short is on
    /// at the start, rules "close at or below the price where it falls to target − band → lower the short back to the target".
    /// </summary>
    /// <remarks>
    /// <para>The algebra (the portfolio of <see cref="PortfolioAllocation"/>: q units of the bucket's asset at price P,
    /// everything else worth O and held still; a short of ratio h counts as synthetic cash, <see cref="BucketAllocation.HedgeNotional"/>).
    /// The portfolio is worth V(P) = qP + O + hq(E − P) with E the short's average entry, that is
    /// V(P) = q(1 − h)P + O', O' = O + hqE; the effective weight is w(P) = q(1 − h)P / (q(1 − h)P + O'). Solving
    /// w(P) = W: q(1 − h)P(1 − W) = W·O', so <b>P = W·O' / (q(1 − h)(1 − W))</b>. At that price, the ratio h' that brings the
    /// effective weight to the target t keeps V (a futures trade has no value at inception): q(1 − h')P = t·V = t·q(1 − h)P / W,
    /// so <b>1 − h' = (1 − h)·t / W</b>. The trade of (h' − h)q units at P moves O' to O' + (h' − h)qP, the next level's
    /// start. Up: W = t + band; down: W = t − band (h' floored at 0, where the levels end). Fees are left out of the thresholds.</para>
    /// <para>Ratios are rounded to 6 places (a weight error below 10⁻⁶), each threshold to the contract's tick away from
    /// the band (up: the tick at or above, down: at or below; the next level starts from that price); the engine rounds the short to the lot step. The
    /// levels follow a one-way move from today: after a move back, save the plan again from the holdings then.
    /// An underweight bucket cannot be brought up by a short: the plan holds no long and says nothing below a flat leg.</para>
    /// </remarks>
    /// <param name="allocation">The allocation (its targets and band).</param>
    /// <param name="bucket">The risky bucket to keep in its band; its holdings must be of one asset, the contract's base asset, held in no other bucket.</param>
    /// <param name="contract">The futures contract to short.</param>
    /// <param name="leverage">The short's leverage, ≥ 1.</param>
    /// <param name="stop">The short's stop (following its average entry), or null.</param>
    /// <param name="levels">Rebalances per direction, in [1, 20] (default 3).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">An unknown or cash bucket, a bucket of several assets or of another asset than the contract's, the asset in another bucket too, or nothing else held (the weight is always 1).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> below 1 or <paramref name="levels"/> outside [1, 20].</exception>
    public static PlanDefinition FromRebalancing(PortfolioAllocation allocation, string bucket, Contract contract, decimal leverage, LegStop? stop = null, int levels = 3)
    {
        Preconditions.NotNull(allocation);
        Preconditions.NotNull(bucket);
        Preconditions.NotNull(contract);
        if (leverage < 1m) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "must be at least 1");
        if (levels is < 1 or > 20) Preconditions.ThrowOutOfRange(nameof(levels), levels, "must be in [1, 20]");
        var row = allocation.Buckets.FirstOrDefault(b => string.Equals(b.Name, bucket, StringComparison.OrdinalIgnoreCase));
        if (row is null) Preconditions.ThrowArgument(nameof(bucket), $"'{bucket}' is not one of the buckets ({string.Join(", ", allocation.Buckets.Select(b => b.Name))})");
        if (row.IsCash) Preconditions.ThrowArgument(nameof(bucket), $"'{bucket}' is a cash bucket; it has no futures to hedge with");
        var inBucket = allocation.Holdings.Where(h => string.Equals(h.Bucket, row.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inBucket.Count == 0 || inBucket.Any(h => !string.Equals(h.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase) || h.Price != inBucket[0].Price))
            Preconditions.ThrowArgument(nameof(bucket), $"'{row.Name}' must hold only {contract.BaseAsset} at one price (the contract's base asset): the plan runs on one underlying");
        if (allocation.Holdings.Any(h => !string.Equals(h.Bucket, row.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(h.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase)))
            Preconditions.ThrowArgument(nameof(bucket), $"'{row.Name}' holds {contract.BaseAsset}, which another bucket holds too: the thresholds assume the rest of the portfolio does not move with it");
        decimal q = inBucket.Sum(h => h.Quantity), p0 = inBucket[0].Price, other = allocation.PortfolioValue - row.Value;
        if (q <= 0m || other <= 0m) Preconditions.ThrowArgument(nameof(bucket), $"'{row.Name}' must hold some {contract.BaseAsset} and the portfolio something else (its weight is {row.Weight})");
        decimal t = row.TargetWeight, band = allocation.ToleranceBand;
        static decimal R(decimal x) => Math.Round(x, 6, MidpointRounding.AwayFromZero);

        // Now: above the band, the restoring short (1 − h = t / w, the formula at today's price with h = 0).
        decimal h0 = row.Drift > band ? R(1m - t / row.Weight) : 0m;
        decimal o0 = other + h0 * q * p0;
        var rules = new List<PlanRule>();
        decimal h = h0, o = o0;
        if (t + band < 1m)
        {
            for (int k = 0; k < levels && h < 1m; k++)
            {
                decimal w = t + band;
                decimal price = contract.RoundPrice(w * o / (q * (1m - h) * (1m - w)), MidpointRounding.ToPositiveInfinity);
                decimal next = R(1m - (1m - h) * t / w);
                if (next <= h || next > 1m) break;
                rules.Add(new PlanRule(PlanCondition.PriceAtOrAbove(price), RuleAction.RaiseTo(next), RuleTrigger.Once,
                    string.Create(CultureInfo.InvariantCulture, $"above the band: at {price} the weight reaches {w:0.####}; short {next} to bring it to {t:0.####}")));
                o += (next - h) * q * price; h = next;
            }
        }
        h = h0; o = o0;
        if (t - band > 0m)
        {
            for (int k = 0; k < levels && h > 0m; k++)
            {
                decimal w = t - band;
                decimal price = contract.RoundPrice(w * o / (q * (1m - h) * (1m - w)), MidpointRounding.ToNegativeInfinity);
                if (price <= 0m) break;
                decimal next = Math.Max(0m, R(1m - (1m - h) * t / w));
                rules.Add(new PlanRule(PlanCondition.PriceAtOrBelow(price), RuleAction.LowerTo(next), RuleTrigger.Once,
                    string.Create(CultureInfo.InvariantCulture, $"below the band: at {price} the weight falls to {w:0.####}; lower the short to {next}")));
                o += (next - h) * q * price; h = next;
            }
        }
        var leg = new PlanLeg(contract, h0, leverage, Side.Short, MarginMode.Isolated, stop);
        return Create(string.Create(CultureInfo.InvariantCulture, $"rebalancing band: {row.Name} at {t:0.####} ± {band:0.####} with {contract.Symbol}"),
            [SpotHolding.Create(contract.BaseAsset, q, p0)], [leg], rules);
    }

    /// <summary>
    /// This plan with more rules after its own (a template's plan with the user's removal rules, say): everything else as
    /// it is, validated as <see cref="Create"/> validates.
    /// </summary>
    /// <param name="rules">The rules to append, in order.</param>
    /// <returns>The new plan (this one when <paramref name="rules"/> is empty).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentException">A rule is null or acts on a leg the plan does not have (the message names <c>rules</c> and its index among all the plan's rules).</exception>
    public PlanDefinition WithRules(IEnumerable<PlanRule> rules)
    {
        var more = Preconditions.NotNull(rules).ToImmutableArray();
        if (more.IsEmpty) return this;
        return Create(Name, Holdings, Legs, Rules.AddRange(more), LeverageCap, AfterExit, RehedgeEveryDays, SpotFeeRate, CrossWallet);
    }
}
