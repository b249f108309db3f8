using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Docs;

/// <summary>
/// The numbers in the docs' tables come from the code under test (issue 22, item 8): each table is regenerated from the
/// library here and compared cell by cell with the markdown, as <see cref="DocSnippetTests"/> does for the C# blocks.
/// A cell expected as null is prose (not compared).
/// </summary>
public class DocTableTests
{
    /// <summary>The rows of the markdown table whose header row starts with <paramref name="header"/> (cells trimmed, bold marks removed).</summary>
    internal static List<string[]> Table(string relativePath, string header)
    {
        var lines = File.ReadAllLines(RepoPaths.Of(relativePath));
        int i = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(i >= 0, $"{relativePath}: no table with the header '{header}'");
        var rows = new List<string[]>();
        for (int j = i + 2; j < lines.Length && lines[j].StartsWith('|'); j++)
            rows.Add(lines[j].Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("**", "")).ToArray());
        return rows;
    }

    internal static void AssertTable(string relativePath, string header, IReadOnlyList<string?[]> expected)
    {
        var rows = Table(relativePath, header);
        Assert.True(rows.Count == expected.Count, $"{relativePath} '{header}': {rows.Count} rows, the library gives {expected.Count}");
        for (int r = 0; r < expected.Count; r++)
            for (int c = 0; c < expected[r].Length; c++)
                if (expected[r][c] is { } e)
                    Assert.True(e == rows[r][c], $"{relativePath} '{header}', row {r + 1}, column {c + 1}: the docs say '{rows[r][c]}', the library gives '{e}'");
    }

    /// <summary>Docs number style: thousands separators, up to <paramref name="places"/> decimals, a typographic minus.</summary>
    internal static string N(decimal v, int places = 2, bool signed = false)
    {
        string s = Math.Abs(Math.Round(v, places, MidpointRounding.AwayFromZero)).ToString("#,##0." + new string('#', places), CultureInfo.InvariantCulture).TrimEnd('.');
        return v < 0m && s != "0" ? "−" + s : signed && v > 0m ? "+" + s : s;
    }

    internal static string Fixed2(decimal v) => (v < 0m ? "−" : "") + Math.Abs(v).ToString("#,##0.00", CultureInfo.InvariantCulture);

    [Fact]
    public void Hedging_PlanOutcomes_AreTheLibrarys()
    {
        // docs/hedging.md §1: 1 BTC at 50,000, half hedged at 10x, stop 53,000; OutcomeAt each price.
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m,
            new HedgePlanOptions { LeverageCap = 5m, FundingRatePerInterval = 0.0001m, HoldingPeriodDays = 30 }).WithStop(LegStop.AtPrice(53_000m));
        var rows = new[] { 45_000m, 50_000m, 55_000m }.Select(p => plan.OutcomeAt(p)).Select(o => new string?[]
        {
            N(o.SpotPrice), N(o.SpotPnlVsCost, signed: true), N(o.FuturesPnl, signed: true), N(o.NetVsCostBeforeFees, signed: true), Fixed2(o.Fees),
            o.Exit == HedgeMath.Engine.HedgeExit.None ? "open" : $"{o.Exit.ToString().ToLowerInvariant()} at {N(o.ExitPrice!.Value)}",
        }).ToList();
        // Hand check of the row the docs had wrong: at 55,000 the stop at 53,000 closed the hedge first: 0.5 × (50,000 − 53,000)
        // = −1,500; fees 12.50 + 0.5 × 53,000 × 0.05 % = 25.75 (not −2,500 and 26.25).
        Assert.Equal("55,000 +5,000 −1,500 +3,500 25.75 stopped at 53,000", string.Join(" ", rows[2]));
        AssertTable("docs/hedging.md", "| price | spot vs cost | hedge PnL |", rows);
    }

    [Fact]
    public void Hedging_ScaleOutLadder_IsTheLibrarys()
    {
        // docs/hedging.md §2: 1 BTC at 40,000; 25 % at 60,000, 15 % at 65,000, 20 % at 70,000; 5x.
        var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1.0m, 40_000m), Contract.BinanceBtcUsdt, 5m,
            [(60_000m, 0.25m), (65_000m, 0.15m), (70_000m, 0.20m)]);
        var rows = l.Rungs.Select(r => new string?[]
        {
            N(r.TargetPrice), N(r.QuantityAdded), N(r.CumulativeQuantity), N(r.CumulativeHedgeRatio), N(r.AverageShortEntry), N(r.TotalMargin),
            N(l.Contract.RoundPrice(r.LiquidationPrice!.Value, MidpointRounding.ToZero), 1), N(r.LockedInValue), N(r.LockedInGainVsCost),
        }).ToList();
        AssertTable("docs/hedging.md", "| target | added | total short |", rows);
        // The correction table (from each target; issue 22, item 1).
        var corr = l.Rungs.Select(r => (r, c: l.AfterCorrection(r.Index, 0.10m))).Select(x => new string?[]
            { N(x.r.TargetPrice), N(x.c.SpotPrice), N(x.r.CumulativeHedgeRatio), N(x.c.FuturesPnl, signed: true), N(x.c.SpotPnlVsDecision, signed: true), N(x.c.NetVsDecisionBeforeFees, signed: true), N(x.c.ShareOffset) }).ToList();
        AssertTable("docs/hedging.md", "| target | price after | hedge ratio |", corr);
    }

    [Fact]
    public void Hedging_DeRiskEndings_AreTheLibrarys()
    {
        // docs/hedging.md §3: 2 BTC at 40,000 + 20,000 cash, 80 % → 60 %, 2x.
        var p = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Contract.BinanceBtcUsdt, 2m, 40_000m);
        var rows = new[] { p.IfPriceFalls(36_000m), p.IfPriceRises(44_000m) }.Select(e => new string?[]
        {
            null, N(e.HedgePnl, signed: true), N(e.HedgeFees), null, N(e.FinalValue), N(e.CryptoWeight * 100m) + " %", N(e.SaleToReachTarget, 5) + " BTC",
            N(e.SellNowFinalValue), N(e.VersusSellNow, signed: true),
        }).ToList();
        AssertTable("docs/hedging.md", "| ending | hedge PnL | hedge fees |", rows);
    }

    [Fact]
    public void Hedging_DeRiskEndingsOver30Days_AreTheLibrarys()
    {
        // docs/hedging.md §3, the endings held 30 days at 0.01 % per 8 h (derisk's default --days 30 --funding-rate 0.0001).
        var p = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Contract.BinanceBtcUsdt, 2m, 40_000m);
        var month = FundingTerms.Constant(0.0001m, 30m);
        var rows = new[] { p.IfPriceFalls(36_000m, null, month), p.IfPriceRises(44_000m, null, month) }.Select(e => new string?[]
        {
            null, N(e.HedgeFunding, signed: true), N(e.FinalValue), N(e.CryptoWeight * 100m) + " %", N(e.SaleToReachTarget, 5) + " BTC",
            e.EffectiveSalePrice is { } sp ? N(sp) : "−", N(e.VersusSellNow, signed: true),
        }).ToList();
        AssertTable("docs/hedging.md", "| ending over 30 days | hedge funding |", rows);
        // By hand: 0.5 × 0.0001 × (90 × 40,000 − 4,000 × 91 / 2) = 170.90 (the fall); + for the rise: 189.10.
        Assert.Equal(170.9m, p.IfPriceFalls(36_000m, null, month).HedgeFunding, 10);
        Assert.Equal(189.1m, p.IfPriceRises(44_000m, null, month).HedgeFunding, 10);
    }

    /// <summary>A quantity as the docs write it: at least one decimal (1.0, 0.5, 1.5).</summary>
    private static string Q(decimal v) => v.ToString("#,##0.0##", CultureInfo.InvariantCulture);

    [Fact]
    public void Hedging_SellHalfHedgeHalf_IsTheLibrarys()
    {
        // docs/hedging.md, "Sell half, hedge half": 2 ETH at cost 2,000, sell 1 at 3,000, short the other 1 at 5x; at 2,500.
        var o = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2.0m, 2_000m), 1.0m, 1.0m, Contract.BinanceEthUsdt, 5m, 3_000m).OutcomeAt(2_500m);
        AssertTable("docs/hedging.md", "| | against cost basis (2,000) |", new List<string?[]>
        {
            new[] { null, N(o.SpotPnlVsCost, signed: true), N(o.SpotPnlVsDecision, signed: true) },
            new[] { null, N(o.FuturesPnl, signed: true), N(o.FuturesPnl, signed: true) },
            new[] { null, N(o.SpotPnlVsCost + o.FuturesPnl), N(o.NetVsDecisionBeforeFees) },
        });
        Assert.Equal(1_000m, o.RealizedOnSale);                                 // "plus 1,000 realized": 1 × (3,000 − 2,000)
    }

    [Fact]
    public void Hedging_ScaleInLadders_AreTheLibrarys()
    {
        // docs/hedging.md §2: long ETH at 3x, averaging down 0.5 at 3,000, 1.0 at 2,800, the rest of 2.0 at 2,600 (reversal 5 %).
        var down = ScaleInLadder.Futures(Contract.BinanceEthUsdt, 3m, [(3_000m, 0.5m, null), (2_800m, 1m, null), (2_600m, null, null)], 2m);
        var rows = down.Rungs.Select(r => new string?[]
        {
            N(r.Price), Q(r.QuantityAdded), Q(r.CumulativeQuantity), N(r.AverageEntry), N(r.Exposure), N(r.MarginAdded), N(r.TotalMargin), N(r.PnlAtRung),
            N(r.LossIfReverses), Fixed2(r.LiquidationPrice!.Value),
        }).ToList();
        // Hand check of the second rung: average (1,500 + 2,800) / 1.5 = 2,866.67; PnL 1.5 × (2,800 − 2,866.67) = −100;
        // 5 % below 2,800 is 2,660: 1.5 × (2,866.67 − 2,660) = 310.
        Assert.Equal("2,800 1.0 1.5 2,866.67 4,200 933.33 1,433.33 −100 310", string.Join(" ", rows[1].Take(9)));
        AssertTable("docs/hedging.md", "| price | added | total | avg entry | exposure |", rows);
        // Pyramiding with stops: 0.5 at 3,000 (stop 2,850), 1.0 at 3,150 (stop 3,000), the rest at 3,300 (stop 3,150).
        var up = ScaleInLadder.Futures(Contract.BinanceEthUsdt, 3m,
            [(3_000m, 0.5m, 2_850m), (3_150m, 1m, 3_000m), (3_300m, null, 3_150m)], 2m);
        var pyramid = up.Rungs.Select(r => new string?[]
        {
            N(r.Price), Q(r.QuantityAdded), Q(r.CumulativeQuantity), N(r.AverageEntry), N(r.MarginAdded), N(r.TotalMargin), N(r.StopPrice!.Value),
            N(r.LossAtStop!.Value), Fixed2(r.LiquidationPrice!.Value),
        }).ToList();
        AssertTable("docs/hedging.md", "| price | added | total | avg entry | margin added |", pyramid);
    }

    [Fact]
    public void Hedging_RebalanceTable_IsTheLibrarys()
    {
        // docs/hedging.md §3: core 0.5 BTC × 100,000, satellite 200 SOL × 150, buffer 20,000 USDT against 60/20/20, band 5 %.
        var a = PortfolioAllocation.Analyze([("core", 0.60m, false), ("satellite", 0.20m, false), ("buffer", 0.20m, true)],
            [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", 200m, 150m), ("USDT", "buffer", 20_000m, 1m)], 0.05m, futuresFeeRate: 0.0005m, spotFeeRate: 0.001m);
        static string Two(decimal v, bool signed) => v == 0m ? "0" : (v < 0m ? "−" : signed ? "+" : "") + Math.Abs(v).ToString("0.00", CultureInfo.InvariantCulture);
        var rows = a.Buckets.Select(x => new string?[]
        {
            null, N(x.Value), Two(x.Weight, false), Two(x.Drift, true), x.OutsideBand ? "yes" : "no",
            x.IsCash ? "—" : (x.HedgeNotional > 0m ? "short " : "long ") + N(Math.Abs(x.HedgeNotional)),
            N(x.EffectiveExposure),
            x.SpotTrade == 0m ? "0" : (x.SpotTrade > 0m ? "buy " : "sell ") + N(Math.Abs(x.SpotTrade)), N(x.SpotFee),
        }).ToList();
        AssertTable("docs/hedging.md", "| bucket | value | weight | drift |", rows);
        Assert.Equal((20_000m, 10m, 20m), (a.GrossHedgeNotional, a.HedgeOpenFees, a.SpotFees));   // "gross notional 20,000, fees 10 to open …; spot: 20"
    }

    [Fact]
    public void Strategies_BucketPositions_AreTheLibrarys()
    {
        // docs/strategies.md §6: both buckets on BTCUSDT at 100,000, 2x, funding 0.01 %/8 h.
        (string Name, decimal Weight, bool IsCash)[] targets = [("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)];
        var a = PortfolioAllocation.Analyze(targets, [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", 200m, 150m), ("USDT", "buffer", 20_000m, 1m)]);
        var rows = a.HedgePositions([("core", Contract.BinanceBtcUsdt, 100_000m), ("satellite", Contract.BinanceBtcUsdt, 100_000m)], 2m, 0.0001m)
            .Select(p => new string?[]
            {
                p.Bucket, $"{p.Side.ToString().ToLowerInvariant()} {N(p.Quantity, 3)} {p.Contract.Symbol}", N(p.Notional), N(p.InitialMargin), Fixed2(p.LiquidationPrice!.Value),
                N(p.FundingPerDay, signed: true) + (p.FundingPerDay < 0m ? " (paid)" : " (received)"),
            }).ToList();
        AssertTable("docs/strategies.md", "| bucket | position | notional |", rows);
    }
}
