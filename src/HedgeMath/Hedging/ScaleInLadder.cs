using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>A scale-in ladder: a long (futures or spot) built in steps at successive levels (e.g. 0.5, then 1.0, then the rest of a planned size).</summary>
/// <remarks>
/// For each rung: the average entry (futures as the exchange computes it, <see cref="Position.Increase"/>;
/// spot the quantity-weighted mean), the exposure and the margin tied up, and the loss if the price moves
/// against the long by the reversal fraction right after the rung: <c>q·(P·(1 − reversal) − average entry)</c>
/// (linear/spot) when nothing closes the long on the way. A futures ladder runs on the hedge engine
/// (<see cref="HedgeBook"/>): each entry is a trade on one isolated long leg (rounded down to the lot step), the rung's
/// stop is on that leg, and the adverse moves are straight paths on which the stop and the liquidation price apply
/// where crossed (the loss is then the stop fill's, or the isolated margin). Levels must be strictly monotone (all
/// falling: averaging down; or all rising: pyramiding), and each entry must be reachable: the position built before it
/// is not stopped or liquidated on the straight way from the previous entry. Immutable and thread-safe.
/// </remarks>
public sealed class ScaleInLadder
{
    private ScaleInLadder(string instrument, decimal reversal, ImmutableArray<ScaleInRung> rungs, Position? position, LiquidationRule? rule = null)
    {
        Instrument = instrument; ReversalMove = reversal; Rungs = rungs; Position = position; Rule = rule;
        var w = ImmutableArray.CreateBuilder<HedgeWarning>();
        decimal cap = HedgePlanOptions.Default.LeverageCap;
        if (position is { } p && p.Leverage > cap)
            w.Add(new HedgeWarning(HedgeWarningCode.LeverageAboveCap, string.Create(CultureInfo.InvariantCulture,
                $"Leverage {p.Leverage}x is above the cap of {cap}x: each entry adds to a position that a smaller move against it liquidates."),
                [HedgeWarning.Fig("leverage", p.Leverage), HedgeWarning.Fig("cap", cap)]));
        foreach (var r in rungs)
            if (r.StopPrice is null && position is not null)
            {
                w.Add(new HedgeWarning(HedgeWarningCode.NoStop, "An entry of the futures ladder has no stop-loss: give each rung a stop (the entry's stop price).", []));
                break;
            }
        Warnings = w.ToImmutable();
    }

    /// <summary>What a careful trader would raise about a futures ladder: leverage above <see cref="HedgePlanOptions.LeverageCap"/>'s
    /// default (5x), and an entry without a stop-loss. Empty for a spot ladder.</summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }

    /// <summary>The instrument (contract symbol or spot asset).</summary>
    public string Instrument { get; }
    /// <summary>The adverse move fraction used for <see cref="ScaleInRung.LossIfReverses"/>.</summary>
    public decimal ReversalMove { get; }
    /// <summary>The rungs in order.</summary>
    public ImmutableArray<ScaleInRung> Rungs { get; }
    /// <summary>The combined futures long after the last rung; null for a spot ladder.</summary>
    public Position? Position { get; }
    /// <summary>The liquidation rule of a futures ladder (its plan's leg keeps it); null for a spot ladder.</summary>
    internal LiquidationRule? Rule { get; }
    /// <summary>True when the entries rise (pyramiding: adding as the price confirms); false when they fall (averaging down) or there is one entry.</summary>
    public bool IsPyramiding => Rungs.Length > 1 && Rungs[1].Price > Rungs[0].Price;

    /// <summary>A scale-in ladder of a long futures position.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="leverage">The leverage, within the contract's limits.</param>
    /// <param name="entries">The entries: buy <c>Quantity</c> (linear: base units; inverse: contracts; &gt; 0) at <c>Price</c>
    /// (&gt; 0), or with a null quantity the rest of <paramref name="plannedQuantity"/> (only last); <c>StopPrice</c> is the
    /// stop for the whole position once the entry is in, in (0, price) (a long's stop is below its entry), or null for none.
    /// E.g. <c>[(3_000m, 0.5m, 2_850m), (3_150m, 1m, 3_000m), (3_300m, null, 3_150m)]</c>. Prices strictly monotone.</param>
    /// <param name="plannedQuantity">The planned total size; required when the last entry is a remainder, else optional (the entries must not exceed it).</param>
    /// <param name="reversalMove">Adverse move right after a rung, as a fraction in (0, 1) (default 0.05).</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The ladder.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">Entries empty or out of order, a remainder not last or without a planned size, entries above the planned size, an entry below one lot step, an entry the position before it cannot reach (stopped or liquidated on the way), or an entry the engine cannot take (a notional beyond the largest tier, a calculation beyond decimal).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Leverage outside the contract's limits, a reversal outside (0, 1), or an entry's price or quantity not positive or its stop not in (0, price).</exception>
    public static ScaleInLadder Futures(Contract contract, decimal leverage, IEnumerable<(decimal Price, decimal? Quantity, decimal? StopPrice)> entries, decimal? plannedQuantity = null,
        decimal reversalMove = 0.05m, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}");
        var list = Resolve(entries, plannedQuantity, reversalMove);
        var r = MarginCalc.CheckRule(contract, rule, isolated: true);
        var rungs = ImmutableArray.CreateBuilder<ScaleInRung>(list.Length);
        HedgeBook? book = null;
        decimal prevMargin = 0m;
        int at = 0;
        try
        {
            for (int i = 0; i < list.Length; i++)
            {
                at = i;
                var (p, q, stop) = list[i];
                (HedgeBook Book, TradeFill Fill) trade;
                if (book is null) trade = HedgeBook.Empty.Open(contract, Side.Long, q, p, leverage, rule: r);
                else
                {
                    // The price moves from the previous entry to this one: the long built so far (with its stop) must survive the way.
                    var moved = book.MoveStraight(list[i - 1].Price, p, FundingTerms.None).Legs[0];
                    if (moved.Exit != HedgeExit.None)
                        Preconditions.ThrowArgument(nameof(entries), string.Create(CultureInfo.InvariantCulture,
                            $"must be reachable: the position after entry {i - 1} is {(moved.Exit == HedgeExit.Stopped ? "stopped" : "liquidated")} at {moved.ExitPrice} before entry {i} ({p}); move that stop, lower the leverage or bring the entries closer"));
                    trade = book.Trade(0, Side.Long, q, p);
                }
                if (trade.Fill.FilledQuantity == 0m)
                    Preconditions.ThrowArgument(nameof(entries), string.Create(CultureInfo.InvariantCulture,
                        $"entry {i} asks for {q} on {contract.Symbol}, below one lot step ({contract.LotStep})"));
                book = trade.Book.WithStop(0, stop is { } sp ? StopOrder.At(sp) : null);
                var leg = book.Legs[0];
                var pos = leg.Position!;
                decimal rev = p * (1m - reversalMove);
                // The adverse moves right after the rung run on the engine: straight down from the entry, the rung's stop
                // and the liquidation price applied where crossed; the loss is before fees.
                var (lossRev, exitRev) = LossOnTheWayTo(book, p, rev);
                var liq = leg.LiquidationPrice;
                decimal? lossAtStop = null;
                if (stop is { } st) lossAtStop = LossOnTheWayTo(book, p, st).Loss;
                rungs.Add(new ScaleInRung(i, p, trade.Fill.FilledQuantity, pos.Quantity, pos.EntryPrice, pos.Notional(p), pos.IsolatedMargin - prevMargin, pos.IsolatedMargin,
                    pos.UnrealizedPnl(p), rev, lossRev, liq, stop, lossAtStop, stop is { } st2 && liq is { } l && l >= st2)
                { ExitIfReverses = exitRev });
                prevMargin = pos.IsolatedMargin;
            }
        }
        // The engine's own rules on an entry (a notional beyond the largest tier, a size that rounds to nothing, a
        // calculation beyond decimal) are the entry's: named entries, the user's parameter.
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(entries), EntryAt(at), ex); throw; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(entries) or nameof(leverage)))
        {
            throw Preconditions.Renamed(e, nameof(entries), EntryAt(at));
        }
        return new ScaleInLadder(contract.Symbol, reversalMove, rungs.MoveToImmutable(), book!.Legs[0].Position, r);
    }

    /// <summary>The loss (positive, before fees) of the book's one leg on the straight way from a price to another, and how it ended.</summary>
    private static (decimal Loss, HedgeExit Exit) LossOnTheWayTo(HedgeBook book, decimal from, decimal to)
    {
        var leg = book.MoveStraight(from, to, FundingTerms.None).Legs[0];
        decimal pnl = leg.RealizedPnl + leg.UnrealizedPnl(to);
        return (Math.Max(0m, -pnl), leg.Exit);
    }

    /// <summary>A scale-in ladder of spot purchases (fully paid: the margin column is the cash spent).</summary>
    /// <param name="asset">The asset bought.</param>
    /// <param name="entries">The entries, as for <see cref="Futures"/>: <c>(Price, Quantity, StopPrice)</c>, a null quantity
    /// the rest of the planned size (only last), prices strictly monotone.</param>
    /// <param name="plannedQuantity">The planned total; required with a remainder entry.</param>
    /// <param name="reversalMove">Adverse move right after a rung, in (0, 1) (default 0.05).</param>
    /// <returns>The ladder.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Futures"/>.</exception>
    public static ScaleInLadder Spot(string asset, IEnumerable<(decimal Price, decimal? Quantity, decimal? StopPrice)> entries, decimal? plannedQuantity = null, decimal reversalMove = 0.05m)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        var list = Resolve(entries, plannedQuantity, reversalMove);
        var rungs = ImmutableArray.CreateBuilder<ScaleInRung>(list.Length);
        decimal qty = 0m, cost = 0m;
        int at = 0;
        try
        {
            for (int i = 0; i < list.Length; i++)
            {
                at = i;
                var (p, q, stop) = list[i];
                qty += q; cost += q * p;
                decimal avg = cost / qty, rev = p * (1m - reversalMove);
                decimal pnlRev = qty * (rev - avg);
                rungs.Add(new ScaleInRung(i, p, q, qty, avg, qty * p, q * p, cost, qty * (p - avg), rev, Math.Max(0m, -pnlRev), null,
                    stop, stop is { } st ? Math.Max(0m, qty * (avg - st)) : null, false));
            }
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(entries), EntryAt(at), ex); throw; }
        return new ScaleInLadder(asset, reversalMove, rungs.MoveToImmutable(), null);
    }

    // Names the entry a rejected calculation came from, in the message of the entries' error.
    private static string EntryAt(int index) => string.Create(CultureInfo.InvariantCulture, $"entry {index}");

    private static ImmutableArray<(decimal Price, decimal Quantity, decimal? Stop)> Resolve(IEnumerable<(decimal Price, decimal? Quantity, decimal? StopPrice)> entries, decimal? planned, decimal reversalMove)
    {
        Preconditions.NotNull(entries);
        if (reversalMove <= 0m || reversalMove >= 1m) Preconditions.ThrowOutOfRange(nameof(reversalMove), reversalMove, "must be in (0, 1)");
        if (planned is { } pq && pq <= 0m) Preconditions.ThrowOutOfRange("plannedQuantity", pq, "must be greater than 0");
        var list = entries.ToImmutableArray();
        if (list.IsEmpty) Preconditions.ThrowArgument(nameof(entries), "must contain at least one entry");
        int dir = 0;
        decimal sum = 0m;
        var result = ImmutableArray.CreateBuilder<(decimal, decimal, decimal?)>(list.Length);
        for (int i = 0; i < list.Length; i++)
        {
            var e = list[i];
            if (e.Price <= 0m) Preconditions.ThrowOutOfRange(nameof(entries), e.Price, $"must have prices greater than 0 (entry {i})");
            if (e.Quantity is { } given && given <= 0m) Preconditions.ThrowOutOfRange(nameof(entries), given, $"must have quantities greater than 0 (entry {i}; a null quantity buys the rest)");
            if (e.StopPrice is { } s && (s <= 0m || s >= e.Price))
                Preconditions.ThrowOutOfRange(nameof(entries), s, string.Create(CultureInfo.InvariantCulture, $"must have each stop in (0, price): entry {i}'s stop is not in (0, {e.Price}) (a long's stop is below its entry)"));
            if (i > 0)
            {
                int d = Math.Sign(e.Price - list[i - 1].Price);
                if (d == 0 || (dir != 0 && d != dir))
                    Preconditions.ThrowArgument(nameof(entries), string.Create(CultureInfo.InvariantCulture,
                        $"must have strictly monotone prices (all falling or all rising); entry {i} ({e.Price}) breaks the order after {list[i - 1].Price}"));
                dir = d;
            }
            if (e.Quantity is not { } q)
            {
                if (i != list.Length - 1) Preconditions.ThrowArgument(nameof(entries), "may have a remainder entry only last");
                if (planned is null) Preconditions.ThrowArgument("plannedQuantity", "is required when the last entry is the remainder");
                q = planned.Value - sum;
                if (q <= 0m) Preconditions.ThrowArgument(nameof(entries), $"leave nothing for the remainder: the entries before it already buy {sum} of {planned}");
            }
            try { sum += q; }
            catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(entries), EntryAt(i), ex); }
            result.Add((e.Price, q, e.StopPrice));
        }
        if (planned is { } total && sum > total)
            Preconditions.ThrowArgument(nameof(entries), $"buy {sum} in total, more than the planned {total}");
        return result.MoveToImmutable();
    }
}
