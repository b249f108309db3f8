using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath margin</c> and <c>liquidation</c>: their options and handlers, the position they map the options to, their rendering.</summary>
internal static partial class MarginCommands
{
    // ---------------------------------------------------------------- margin, liquidation: options and handlers
    private static Command MarginCommand()
    {
        var cmd = new Command("margin", "Margin picture of a futures position: initial and maintenance margin, tier, margin ratio, liquidation and bankruptcy price, under each exchange rule.");
        var o = PositionOptions.AddTo(cmd);
        return cmd.Handles(pr =>
        {
            var (position, mark, rule, snapshot) = Evaluate(pr, o);
            var report = new Report($"Margin: {position}");
            AddPosition(report, position, mark);
            AddSnapshot(report, snapshot, $"Margin ({RuleName(snapshot.Rule)})");
            AddRuleComparison(report, position, mark, pr.GetValue(o.Mode));
            return report;
        });
    }

    private static Command LiquidationCommand()
    {
        var cmd = new Command("liquidation", "Liquidation price of a position (tier at the liquidation price), by leverage, and the highest leverage that keeps liquidation beyond a stop.");
        var o = PositionOptions.AddTo(cmd);
        var stop = Cli.Optional<decimal?>("--stop", "Stop price: also solve the highest leverage whose liquidation price stays beyond it.", null);
        var buffer = Cli.Optional("--buffer", "Safety buffer between stop and liquidation, as a fraction of the stop price (0.01 = 1 %).", 0.01m);
        cmd.Options.Add(stop);
        cmd.Options.Add(buffer);
        return cmd.Handles(pr =>
        {
            var (position, mark, rule, s) = Evaluate(pr, o);
            var report = new Report($"Liquidation: {position}");
            var unit = s.SettlementAsset;
            var k = position.Contract;
            report.Section($"Liquidation ({RuleName(s.Rule)})")
                .Fact("Liquidation price", Show.Price(s.LiquidationPrice, k, MidpointRounding.ToZero))
                .Fact("Liquidation price (tick)", Show.Price(s.LiquidationPrice is { } lp ? k.RoundPrice(lp, MidpointRounding.ToZero) : null, k))
                .Fact("Tier at liquidation", s.LiquidationTier?.Tier)
                .Fact("Bankruptcy price", Show.Price(s.BankruptcyPrice, k))
                .Fact("Distance to liquidation", Percent(s.DistanceToLiquidation))
                .Fact("Wallet balance", s.WalletBalance, unit)
                .Note(s.LiquidationPrice is null ? "No positive price liquidates this position." : "The exchange liquidates when the mark price reaches the liquidation price.");

            var table = report.Section("By leverage (isolated, margin = initial margin)").Table(null, "Leverage", "Initial margin", "Liquidation price", "Distance");
            var max = position.Contract.MaxLeverageFor(position.Quantity, position.EntryPrice);
            foreach (var lev in new[] { 1m, 2m, 3m, 5m, 10m, 20m, 25m, 50m, 75m, 100m, 125m })
            {
                if (lev > max) break;
                var p = Position.Open(position.Contract, position.Side, position.Quantity, position.EntryPrice, lev);
                var ls = MarginCalc.Isolated(p, mark, rule);
                table.Row(lev, Show.Money(p.InitialMargin(), unit), Show.Price(ls.LiquidationPrice, k, MidpointRounding.ToZero), Percent(ls.DistanceToLiquidation));
            }

            if (pr.GetValue(stop) is { } stopPrice)
            {
                var r = MarginCalc.MaxLeverageForStop(position.Contract, position.Side, position.Quantity, position.EntryPrice, stopPrice, pr.GetValue(buffer), rule);
                report.Section("Highest leverage for the stop")
                    .Fact("Stop price", Show.Price(stopPrice, k))
                    .Fact("Liquidation must be beyond", Show.Price(r.RequiredLiquidationPrice, k))
                    .Fact("Highest leverage", r.Leverage, "x")
                    .Fact("Exact leverage", r.ExactLeverage, "x")
                    .Fact("Least margin", r.MinimumMargin, unit)
                    .Fact("Margin to post", r.Margin, unit)
                    .Fact("Liquidation price", Show.Price(r.LiquidationPrice, k, MidpointRounding.ToZero))
                    .Note(r.ExtraMargin > 0m ? "Even 1x is not enough: add the difference as extra isolated margin." : "The stop fires before liquidation.");
            }
            return report;
        });
    }

    // ---------------------------------------------------------------- margin, liquidation: parsing (options → the position and its margin snapshot)
    private static (Position Position, decimal Mark, LiquidationRule Rule, MarginSnapshot Snapshot) Evaluate(ParseResult pr, PositionOptions o)
    {
        var contract = Preset(pr, pr.GetValue(o.Symbol)!);
        var side = ParseSide(pr.GetValue(o.Side)!);
        var mode = ParseMode(pr.GetValue(o.Mode)!);
        var rule = ParseRule(pr.GetValue(o.Rule), contract);
        var qty = pr.GetValue(o.Size);
        var entry = pr.GetValue(o.Entry);
        var mark = pr.GetValue(o.Mark) ?? entry;
        var margin = pr.GetValue(o.Margin);
        if (mode == MarginMode.Isolated)
        {
            var p = Position.Open(contract, side, qty, entry, pr.GetValue(o.Leverage), MarginMode.Isolated, margin);
            return (p, mark, rule, MarginCalc.Isolated(p, mark, rule));
        }
        var cross = Position.Open(contract, side, qty, entry, pr.GetValue(o.Leverage), MarginMode.Cross);
        var account = CrossAccount.Create(contract.SettlementAsset, margin ?? cross.InitialMargin(), [cross]);
        return (cross, mark, rule, MarginCalc.Cross(account, cross, new Dictionary<string, decimal> { [contract.Symbol] = mark }, rule));
    }

    // ---------------------------------------------------------------- margin, liquidation: rendering
    private static void AddPosition(Report report, Position p, decimal mark)
    {
        var c = p.Contract;
        report.Section("Position")
            .Fact("Contract", $"{c.Symbol} ({c.Type}, settles in {c.SettlementAsset})")
            .Fact("Side", p.Side.ToString())
            .Fact("Quantity", Show.Quantity(p.Quantity, c), c.Type == ContractType.Linear && c.ContractSize == 1m ? c.BaseAsset : "contracts")
            .Fact("Entry price", Show.Price(p.EntryPrice, c))
            .Fact("Mark price", Show.Price(mark, c))
            .Fact("Leverage", p.Leverage, "x")
            .Fact("Margin mode", p.MarginMode.ToString())
            .Fact("Unrealized PnL", p.UnrealizedPnl(mark), c.SettlementAsset)
            .Fact("ROE (at mark)", Percent(p.Roe(mark)))
            .Fact("Open fee (taker)", p.OpenFee(), c.SettlementAsset);
    }

    private static void AddRuleComparison(Report report, Position p, decimal mark, string? mode)
    {
        if (p.MarginMode != MarginMode.Isolated) return;
        var rules = p.Contract.Type == ContractType.Linear
            ? new[] { LiquidationRule.BinanceUsdM, LiquidationRule.BybitLinear, LiquidationRule.BybitLinearUnified, LiquidationRule.OkxGate }
            : new[] { LiquidationRule.BinanceCoinM, LiquidationRule.BybitInverse, LiquidationRule.OkxGate };
        var t = report.Section("The same position under each exchange rule").Table(null, "Rule", "Maintenance margin", "Liquidation price", "Distance");
        foreach (var r in rules)
        {
            var s = MarginCalc.Isolated(p, mark, r);
            t.Row(RuleName(r), Show.Money(s.MaintenanceMargin, s.SettlementAsset), Show.Price(s.LiquidationPrice, p.Contract, MidpointRounding.ToZero), Percent(s.DistanceToLiquidation));
        }
    }
}
