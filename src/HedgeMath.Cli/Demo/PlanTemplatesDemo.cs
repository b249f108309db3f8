using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Demo;

/// <summary>The strategies as plans (issue 28 item 3): a scale-in ladder's plan run along a straight path.</summary>
internal static class PlanTemplatesDemo
{
    public static void Add(Report report)
    {
        // Hold 2 ETH; buy 0.5 at 2,900, 0.5 at 2,800 and 0.75 at 2,700 with a 3x long, stops 2,500, 2,500, 2,400.
        var eth = Contracts.BinanceEthUsdt;
        var ladder = ScaleInLadder.Futures(eth, 3m,
            [LadderEntry.At(2_900m, 0.5m, 2_500m), LadderEntry.At(2_800m, 0.5m, 2_500m), LadderEntry.At(2_700m, 0.75m, 2_400m)]);
        var plan = PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 2m, 3_000m));
        // 3,000 → 2,700 in three 8 h bars closing on the entries (a zero funding rate over one day).
        var end = PlanHistory.Along(plan, 3_000m, 2_700m, FundingTerms.Constant(0m, 1m));
        var leg = end.Book.Legs[0];
        report.Section("Plans: a scale-in ladder as a plan, run down a straight path 3,000 → 2,700 (ETHUSDT, 3x, 2 ETH held)")
            .Fact("Rules", plan.Rules.Length)
            .Fact("Long built", Show.Quantity(leg.Position?.Quantity ?? 0m, eth))
            .Fact("Average entry", Show.Price(leg.Position?.EntryPrice, eth))
            .Fact("The ladder's own average entry", Show.Price(ladder.Position!.EntryPrice, eth))
            .Fact("Stop after the last entry", Show.Price(leg.Stop?.Price, eth))
            .Note("CLI: hedgemath ladder in --entry 2900:0.5:2500 2800:0.5:2500 2700:0.75:2400 --quantity 2 --save ladder.json; hedgemath plan show ladder.json.");
    }
}
