using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Positions;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>Plans as documents: a <see cref="PlanDefinition"/> saved to and loaded from versioned JSON (schema: docs/plan.schema.json).</summary>
/// <remarks>
/// <para>System.Text.Json with source generation (trim- and AOT-safe). The document mirrors the model: holdings, legs
/// (a catalog contract by <c>exchange</c> and <c>symbol</c>), rules (<c>when</c> → <c>do</c>, each condition and action
/// by its <c>kind</c>), the leverage cap and what follows an exit. Loading validates through the model's own factories;
/// a bad document gets ONE <see cref="ArgumentException"/> (parameter <c>json</c>) whose message starts with the JSON
/// path of the problem (<c>$.legs[0].leverage: …</c>) — never a half-loaded plan. Thread-safe.</para>
/// <para>Not in documents (yet): <see cref="PlanCondition.Series"/> conditions and legs with a liquidation rule other
/// than the contract's; saving one is rejected.</para>
/// </remarks>
public static class PlanDocument
{
    /// <summary>The newest document version this library writes and reads (it reads 1 and 2).</summary>
    /// <remarks>Version 2 adds what plans over several assets need: a leg's <c>hedges</c> (a cross leg), the <c>on-asset</c>
    /// condition and a spot action's <c>asset</c>. <see cref="Save"/> writes version 1 for a plan that uses none of them, so a
    /// one-asset plan's document is what it was; a version-1 document loads unchanged.</remarks>
    public const int Version = 2;

    /// <summary>Whether a plan uses a field of version 2 (a cross leg, a condition on another asset, a spot action naming its asset or a quantity).</summary>
    private static bool NeedsVersion2(PlanDefinition plan)
    {
        bool v2 = plan.Legs.Any(l => l.IsCrossHedge) || plan.Rules.Any(r => r.Action.Asset is not null || r.Action.IsQuantity);
        foreach (var r in plan.Rules) r.When.Walk(c => v2 |= c is PlanCondition.AssetScoped);
        plan.AfterExit.When?.Walk(c => v2 |= c is PlanCondition.AssetScoped);
        return v2;
    }

    /// <summary>Writes a plan as an indented JSON document.</summary>
    /// <param name="plan">The plan; its legs must be catalog contracts (with an exchange).</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The plan holds something documents cannot carry (a series condition, a leg off the catalog or with its own liquidation rule).</exception>
    public static string Save(PlanDefinition plan)
    {
        Preconditions.NotNull(plan);
        var dto = new PlanDto
        {
            Version = NeedsVersion2(plan) ? 2 : 1,
            Name = plan.Name,
            Holdings = [.. plan.Holdings.Select(h => new HoldingDto { Asset = h.Asset, Quantity = h.Quantity, AverageCost = h.AverageCost, Quote = h.QuoteAsset })],
            Legs = [.. plan.Legs.Select((l, i) => LegOf(l, i))],
            Rules = [.. plan.Rules.Select(r => new RuleDto { Name = r.Name, When = ConditionOf(r.When), Do = ActionOf(r.Action), Trigger = TriggerName(r.Trigger) })],
            LeverageCap = plan.LeverageCap,
            AfterExit = new ReentryDto
            {
                Kind = !plan.AfterExit.ReEnters ? "stay-flat" : plan.AfterExit.When is null ? "next-bar" : "when",
                When = plan.AfterExit.When is { } w ? ConditionOf(w) : null,
            },
            RehedgeEveryDays = plan.RehedgeEveryDays,
            SpotFeeRate = plan.SpotFeeRate,
            CrossWallet = plan.CrossWallet,
        };
        return JsonSerializer.Serialize(dto, PlanJsonContext.Default.PlanDto);
    }

    /// <summary>Reads a plan from a JSON document.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The validated plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The document is not valid JSON, has another version, misses a required field or holds a value the model rejects; the message names the JSON path.</exception>
    public static PlanDefinition Load(string json)
    {
        Preconditions.NotNull(json);
        PlanDto? dto;
        try { dto = JsonSerializer.Deserialize(json, PlanJsonContext.Default.PlanDto); }
        catch (JsonException e) { throw Bad(e.Path ?? "$", e.Message.Split(" Path:")[0]); }
        if (dto is null) throw Bad("$", "must be a JSON object");
        if (dto.Version is not (1 or 2)) throw Bad("$.version", string.Create(CultureInfo.InvariantCulture, $"must be 1 or {Version}; got {dto.Version}"));
        var name = Required(dto.Name, "$.name");
        var holdings = Required(dto.Holdings, "$.holdings").Select((h, i) => At($"$.holdings[{i}]", () =>
            SpotHolding.Create(Required(h.Asset, $"$.holdings[{i}].asset"), h.Quantity, h.AverageCost, h.Quote ?? "USDT"))).ToList();
        var legs = Required(dto.Legs, "$.legs").Select((l, i) => LegFrom(l, $"$.legs[{i}]")).ToList();
        var rules = (dto.Rules ?? []).Select((r, i) => RuleFrom(r, $"$.rules[{i}]")).ToList();
        var after = dto.AfterExit is null ? null : At("$.afterExit", () => dto.AfterExit.Kind switch
        {
            "stay-flat" => PlanReentry.StayFlat,
            "next-bar" => PlanReentry.NextBar,
            "when" => PlanReentry.WhenCondition(ConditionFrom(Required(dto.AfterExit.When, "$.afterExit.when"), "$.afterExit.when")),
            var k => throw Bad("$.afterExit.kind", $"must be stay-flat, next-bar or when; got '{k}'"),
        });
        var plan = At("$", () => PlanDefinition.Create(name, holdings, legs, rules, dto.LeverageCap, after, dto.RehedgeEveryDays, dto.SpotFeeRate, dto.CrossWallet));
        if (dto.Version == 1 && NeedsVersion2(plan))
            throw Bad("$.version", "must be 2: the document uses a field of version 2 (a leg's hedges, an on-asset condition, a spot action's asset or quantity)");
        return plan;
    }

    private static LegDto LegOf(PlanLeg l, int i)
    {
        if (l.Contract.Exchange is null)
            Preconditions.ThrowArgument("plan", $"leg {i} is on {l.Contract.Symbol}, which is not a catalog contract (no exchange): documents name contracts by exchange and symbol");
        if (l.Rule is not null) Preconditions.ThrowArgument("plan", $"leg {i} has its own liquidation rule; documents use the contract's");
        return new LegDto
        {
            Exchange = l.Contract.Exchange, Symbol = l.Contract.Symbol, Ratio = l.Ratio, Leverage = l.Leverage,
            Side = l.Side == Side.Short ? "short" : "long", Mode = l.MarginMode == MarginMode.Isolated ? "isolated" : "cross",
            Stop = l.Stop is { } s ? StopOf(s) : null, TakeProfit = l.TakeProfit, Hedges = l.IsCrossHedge ? l.Hedges : null,
        };
    }

    private static PlanLeg LegFrom(LegDto d, string path) => At(path, () =>
    {
        var c = At(path, () => Contract.Find(Required(d.Exchange, path + ".exchange"), Required(d.Symbol, path + ".symbol")));
        var side = d.Side switch { null or "short" => Side.Short, "long" => Side.Long, var x => throw Bad(path + ".side", $"must be short or long; got '{x}'") };
        var mode = d.Mode switch { null or "isolated" => MarginMode.Isolated, "cross" => MarginMode.Cross, var x => throw Bad(path + ".mode", $"must be isolated or cross; got '{x}'") };
        var leg = new PlanLeg(c, d.Ratio, d.Leverage, side, mode, d.Stop is null ? null : StopFrom(d.Stop, path + ".stop"), d.TakeProfit);
        return d.Hedges is null ? leg : At(path + ".hedges", () => new PlanLeg(c, d.Ratio, d.Leverage, side, mode, leg.Stop, d.TakeProfit) { Hedges = d.Hedges });
    });

    private static StopDto StopOf(LegStop s) => new()
    {
        Kind = s.Kind switch { LegStopKind.Price => "price", LegStopKind.Distance => "distance", _ => "atr-multiple" },
        Value = s.Value, Trigger = s.Trigger == TriggerPrice.Mark ? null : "last", Slippage = s.Slippage == 0m ? null : s.Slippage,
    };

    private static LegStop StopFrom(StopDto d, string path) => At(path, () =>
    {
        var trigger = d.Trigger switch { null or "mark" => TriggerPrice.Mark, "last" => TriggerPrice.Last, var x => throw Bad(path + ".trigger", $"must be mark or last; got '{x}'") };
        decimal slip = d.Slippage ?? 0m;
        return d.Kind switch
        {
            "price" => LegStop.AtPrice(d.Value, trigger, slip),
            "distance" => LegStop.AtDistance(d.Value, trigger, slip),
            "atr-multiple" => LegStop.AtAtrMultiple(d.Value, trigger, slip),
            var k => throw Bad(path + ".kind", $"must be price, distance or atr-multiple; got '{k}'"),
        };
    });

    private static string TriggerName(RuleTrigger t) => t switch
    {
        RuleTrigger.Edge => "edge", RuleTrigger.Once => "once", RuleTrigger.While => "while", _ => "once-per-position",
    };

    private static PlanRule RuleFrom(RuleDto d, string path) => At(path, () =>
    {
        var trigger = d.Trigger switch
        {
            null or "edge" => RuleTrigger.Edge, "once" => RuleTrigger.Once, "while" => RuleTrigger.While, "once-per-position" => RuleTrigger.OncePerPosition,
            var x => throw Bad(path + ".trigger", $"must be edge, once, while or once-per-position; got '{x}'"),
        };
        var when = ConditionFrom(Required(d.When, path + ".when"), path + ".when");
        var action = ActionFrom(Required(d.Do, path + ".do"), path + ".do");
        return new PlanRule(when, action, trigger, d.Name);
    });

    private static ActionDto ActionOf(RuleAction a) => new()
    {
        Kind = a.Name,
        Leg = a.Kind is RuleActionKind.SellSpot or RuleActionKind.BuySpot ? null : a.Leg,
        Ratio = a.Kind is RuleActionKind.RaiseTo or RuleActionKind.LowerTo ? a.Value : null,
        Fraction = a.Kind is RuleActionKind.CloseFraction || (a.Kind is RuleActionKind.SellSpot or RuleActionKind.BuySpot && !a.IsQuantity) ? a.Value : null,
        Quantity = a.IsQuantity ? a.Value : null,
        Stop = a.Stop is { } s ? StopOf(s) : null,
        Asset = a.Asset,
    };

    private static RuleAction ActionFrom(ActionDto d, string path) => At(path, () =>
    {
        int leg = d.Leg ?? 0;
        return d.Kind switch
        {
            "remove" => RuleAction.Remove(leg),
            "raise-to" => RuleAction.RaiseTo(Required(d.Ratio, path + ".ratio"), leg),
            "lower-to" => RuleAction.LowerTo(Required(d.Ratio, path + ".ratio"), leg),
            "close-fraction" => RuleAction.CloseFraction(Required(d.Fraction, path + ".fraction"), leg),
            "move-stop" => RuleAction.MoveStop(d.Stop is null ? null : StopFrom(d.Stop, path + ".stop"), leg),
            "sell-spot" or "buy-spot" => SpotActionFrom(d, path),
            var k => throw Bad(path + ".kind", $"must be one of remove, raise-to, lower-to, close-fraction, move-stop, sell-spot, buy-spot; got '{k}'"),
        };
    });

    // A spot action names a fraction of the holding or a quantity of the asset, exactly one of the two.
    private static RuleAction SpotActionFrom(ActionDto d, string path)
    {
        bool sell = d.Kind == "sell-spot";
        if (d.Quantity is { } q)
        {
            if (d.Fraction is not null) throw Bad(path, "gives both fraction and quantity; a spot action takes one of the two");
            return At(path, () => sell ? RuleAction.SellSpotQuantity(q, d.Asset) : RuleAction.BuySpotQuantity(q, d.Asset));
        }
        if (d.Fraction is null) throw Bad(path + ".fraction", "is required (or quantity)");
        decimal f = d.Fraction.Value;
        return At(path, () => (sell, d.Asset) switch
        {
            (true, null) => RuleAction.SellSpot(f),
            (true, { } a) => RuleAction.SellSpot(f, a),
            (false, null) => RuleAction.BuySpot(f),
            (false, { } a) => RuleAction.BuySpot(f, a),
        });
    }

    private static ConditionDto ConditionOf(PlanCondition c) => c switch
    {
        PlanCondition.PriceLevel p => new() { Kind = c.Kind, Price = p.Price },
        PlanCondition.Elapsed e => new() { Kind = c.Kind, Elapsed = e.Span.ToString("c", CultureInfo.InvariantCulture) },
        PlanCondition.Drawdown d => new() { Kind = c.Kind, Fraction = d.Fraction, Bars = d.Lookback },
        PlanCondition.Rise r => new() { Kind = c.Kind, Fraction = r.Fraction, Bars = r.BarsBack },
        PlanCondition.MovingAverage m => new() { Kind = c.Kind, Bars = m.Bars },
        PlanCondition.SignalActive s => new() { Kind = c.Kind, Signals = [.. SignalNames.Names(s.Kinds)] },
        PlanCondition.ConfluenceIs f => new() { Kind = c.Kind, Actions = [.. f.Actions.Select(a => a.ToString())] },
        PlanCondition.NearLevel n => new() { Kind = c.Kind, Fraction = n.Fraction },
        PlanCondition.EntryMove m => new() { Kind = c.Kind, Fraction = m.Fraction, Leg = m.Leg },
        PlanCondition.Pnl p => new() { Kind = c.Kind, Amount = p.Amount },
        PlanCondition.Combined b => new() { Kind = c.Kind, Left = ConditionOf(b.Left), Right = ConditionOf(b.Right) },
        PlanCondition.Negated n => new() { Kind = c.Kind, Inner = ConditionOf(n.Inner) },
        PlanCondition.AssetScoped o => new() { Kind = c.Kind, Asset = o.Asset, Inner = ConditionOf(o.Inner) },
        _ => throw new ArgumentException($"The condition '{c.Name}' ({c.Kind}) is given as data for one run and cannot be saved in a document.", "plan"),
    };

    private static PlanCondition ConditionFrom(ConditionDto d, string path) => At(path, () => d.Kind switch
    {
        "price-at-or-above" => PlanCondition.PriceAtOrAbove(Required(d.Price, path + ".price")),
        "price-at-or-below" => PlanCondition.PriceAtOrBelow(Required(d.Price, path + ".price")),
        "after" => PlanCondition.After(TimeSpan.TryParseExact(Required(d.Elapsed, path + ".elapsed"), "c", CultureInfo.InvariantCulture, out var span)
            ? span : throw Bad(path + ".elapsed", $"must be a time span such as \"30.00:00:00\" (days.hh:mm:ss); got '{d.Elapsed}'")),
        "drawdown-from-high" => PlanCondition.DrawdownFromHigh(Required(d.Fraction, path + ".fraction"), Required(d.Bars, path + ".bars")),
        "rise-over" => PlanCondition.RiseOver(Required(d.Fraction, path + ".fraction"), Required(d.Bars, path + ".bars")),
        "above-moving-average" => PlanCondition.AboveMovingAverage(Required(d.Bars, path + ".bars")),
        "below-moving-average" => PlanCondition.BelowMovingAverage(Required(d.Bars, path + ".bars")),
        "crosses-above-moving-average" => PlanCondition.CrossesAboveMovingAverage(Required(d.Bars, path + ".bars")),
        "crosses-below-moving-average" => PlanCondition.CrossesBelowMovingAverage(Required(d.Bars, path + ".bars")),
        "signal" => PlanCondition.Signal(Required(d.Signals, path + ".signals").Aggregate(SignalKinds.None, (k, n) => k | SignalNames.Parse(n))),
        "confluence" => PlanCondition.ConfluenceSuggests([.. Required(d.Actions, path + ".actions").Select(a =>
            Enum.TryParse<SuggestedAction>(a, ignoreCase: true, out var x) && Enum.IsDefined(x) ? x
                : throw Bad(path + ".actions", $"'{a}' is not one of {string.Join(", ", Enum.GetNames<SuggestedAction>())}"))]),
        "near-resistance" => PlanCondition.NearResistance(Required(d.Fraction, path + ".fraction")),
        "near-support" => PlanCondition.NearSupport(Required(d.Fraction, path + ".fraction")),
        "below-entry" => PlanCondition.BelowEntry(Required(d.Fraction, path + ".fraction"), d.Leg ?? 0),
        "above-entry" => PlanCondition.AboveEntry(Required(d.Fraction, path + ".fraction"), d.Leg ?? 0),
        "pnl-at-or-below" => PlanCondition.PnlAtOrBelow(Required(d.Amount, path + ".amount")),
        "pnl-at-or-above" => PlanCondition.PnlAtOrAbove(Required(d.Amount, path + ".amount")),
        "and" => PlanCondition.And(ConditionFrom(Required(d.Left, path + ".left"), path + ".left"), ConditionFrom(Required(d.Right, path + ".right"), path + ".right")),
        "or" => PlanCondition.Or(ConditionFrom(Required(d.Left, path + ".left"), path + ".left"), ConditionFrom(Required(d.Right, path + ".right"), path + ".right")),
        "not" => PlanCondition.Not(ConditionFrom(Required(d.Inner, path + ".inner"), path + ".inner")),
        "on-asset" => PlanCondition.OnAsset(Required(d.Asset, path + ".asset"), ConditionFrom(Required(d.Inner, path + ".inner"), path + ".inner")),
        var k => throw Bad(path + ".kind", $"'{k}' is not a condition kind"),
    });

    /// <summary>Runs a model factory, turning its rejection into one error at <paramref name="path"/> (plus the parameter it named).</summary>
    private static T At<T>(string path, Func<T> create)
    {
        try { return create(); }
        catch (DocumentException) { throw; }
        catch (ArgumentException e)
        {
            string where = e.ParamName is { Length: > 0 } p && p != "json" ? path + "." + p : path;
            string rule = e.Message;
            int cut = rule.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
            if (cut >= 0) rule = rule[..cut];
            throw Bad(where, rule);
        }
    }

    private static T Required<T>(T? value, string path) where T : class => value ?? throw Bad(path, "is required");
    private static T Required<T>(T? value, string path) where T : struct => value ?? throw Bad(path, "is required");

    private static DocumentException Bad(string path, string problem) => new($"{path}: {problem}");

    /// <summary>The one error a bad document gets: an ArgumentException on <c>json</c> whose message starts with the JSON path.</summary>
    private sealed class DocumentException(string message) : ArgumentException(message, "json");
}

#pragma warning disable CS1591 // the document's shape is documented by docs/plan.schema.json
internal sealed class PlanDto
{
    public int Version { get; set; }
    public string? Name { get; set; }
    public List<HoldingDto>? Holdings { get; set; }
    public List<LegDto>? Legs { get; set; }
    public List<RuleDto>? Rules { get; set; }
    public decimal? LeverageCap { get; set; }
    public ReentryDto? AfterExit { get; set; }
    public int RehedgeEveryDays { get; set; }
    public decimal SpotFeeRate { get; set; }
    public decimal CrossWallet { get; set; }
}

internal sealed class HoldingDto
{
    public string? Asset { get; set; }
    public decimal Quantity { get; set; }
    public decimal AverageCost { get; set; }
    public string? Quote { get; set; }
}

internal sealed class LegDto
{
    public string? Exchange { get; set; }
    public string? Symbol { get; set; }
    public decimal Ratio { get; set; }
    public decimal Leverage { get; set; }
    public string? Side { get; set; }
    public string? Mode { get; set; }
    public StopDto? Stop { get; set; }
    public decimal? TakeProfit { get; set; }
    public string? Hedges { get; set; }
}

internal sealed class StopDto
{
    public string? Kind { get; set; }
    public decimal Value { get; set; }
    public string? Trigger { get; set; }
    public decimal? Slippage { get; set; }
}

internal sealed class RuleDto
{
    public string? Name { get; set; }
    public ConditionDto? When { get; set; }
    public ActionDto? Do { get; set; }
    public string? Trigger { get; set; }
}

internal sealed class ActionDto
{
    public string? Kind { get; set; }
    public int? Leg { get; set; }
    public decimal? Ratio { get; set; }
    public decimal? Fraction { get; set; }
    public decimal? Quantity { get; set; }
    public StopDto? Stop { get; set; }
    public string? Asset { get; set; }
}

internal sealed class ConditionDto
{
    public string? Kind { get; set; }
    public decimal? Price { get; set; }
    public decimal? Fraction { get; set; }
    public int? Bars { get; set; }
    public string? Elapsed { get; set; }
    public List<string>? Signals { get; set; }
    public List<string>? Actions { get; set; }
    public int? Leg { get; set; }
    public decimal? Amount { get; set; }
    public ConditionDto? Left { get; set; }
    public ConditionDto? Right { get; set; }
    public ConditionDto? Inner { get; set; }
    public string? Asset { get; set; }
}

internal sealed class ReentryDto
{
    public string? Kind { get; set; }
    public ConditionDto? When { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PlanDto))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
#pragma warning restore CS1591
