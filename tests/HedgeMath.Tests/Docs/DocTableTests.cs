using System.Globalization;
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
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contracts.BinanceBtcUsdt, 10m, 50_000m,
            new HedgePlanOptions { LeverageCap = 5m, FundingRatePerInterval = 0.0001m, HoldingPeriodDays = 30 }).WithStop(HedgeStop.AtPrice(53_000m));
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
        var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1.0m, 40_000m), Contracts.BinanceBtcUsdt, 5m,
            [new LadderTarget(60_000m, 0.25m), new LadderTarget(65_000m, 0.15m), new LadderTarget(70_000m, 0.20m)]);
        var rows = l.Rungs.Select(r => new string?[]
        {
            N(r.TargetPrice), N(r.QuantityAdded), N(r.CumulativeQuantity), N(r.CumulativeHedgeRatio), N(r.AverageShortEntry), N(r.TotalMargin),
            N(l.Contract.RoundPrice(r.LiquidationPrice!.Value, MidpointRounding.ToZero), 1), N(r.LockedInValue), N(r.LockedInGainVsCost),
        }).ToList();
        AssertTable("docs/hedging.md", "| target | added | total short |", rows);
        // The correction table (from each target; issue 22, item 1).
        var corr = l.Rungs.Select(r => l.AfterCorrection(r.Index, 0.10m)).Select(c => new string?[]
            { N(c.TargetPrice), N(c.Price), N(c.HedgeRatio), N(c.FuturesPnl, signed: true), N(c.SpotChangeFromTarget, signed: true), N(c.Net, signed: true), N(c.ShareOffset) }).ToList();
        AssertTable("docs/hedging.md", "| target | price after | hedge ratio |", corr);
    }

    [Fact]
    public void Hedging_DeRiskEndings_AreTheLibrarys()
    {
        // docs/hedging.md §3: 2 BTC at 40,000 + 20,000 cash, 80 % → 60 %, 2x.
        var p = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Contracts.BinanceBtcUsdt, 2m, 40_000m);
        var rows = new[] { p.IfPriceFalls(36_000m), p.IfPriceRises(44_000m) }.Select(e => new string?[]
        {
            null, N(e.HedgePnl, signed: true), N(e.HedgeFees), null, N(e.FinalValue), N(e.CryptoWeight * 100m) + " %", N(e.SaleToReachTarget, 5) + " BTC",
            N(e.SellNowFinalValue), N(e.VersusSellNow, signed: true),
        }).ToList();
        AssertTable("docs/hedging.md", "| ending | hedge PnL | hedge fees |", rows);
    }
}
