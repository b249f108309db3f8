using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;
namespace HedgeMath.Tests.Positions;

/// <summary>Tax lots: FIFO, HIFO and specific identification, with the realized gain worked by hand.</summary>
public class TaxLotsTests
{
    // 1 ETH @ 2,000 (2021), 1 @ 3,500 (2024), 0.5 @ 1,200 (2022); sell 1.2 at 3,000, no fee.
    private static TaxLots Lots() => TaxLots.Create("ETH",
    [
        new TaxLot("2021", 1m, 2_000m, new DateOnly(2021, 5, 1)),
        new TaxLot("2024", 1m, 3_500m, new DateOnly(2024, 3, 1)),
        new TaxLot("2022", 0.5m, 1_200m, new DateOnly(2022, 6, 1)),
    ]);

    [Fact]
    public void Fifo_OldestFirst()
    {
        // 1 of 2021 (cost 2,000) + 0.2 of 2022 (cost 240): gain 3,600 − 2,240 = 1,360.
        var s = Lots().Sell(1.2m, 3_000m, LotMethod.Fifo);
        Assert.Equal(["2021", "2022"], s.Pieces.Select(p => p.LotId));
        Assert.Equal(1_360m, s.RealizedGain);
        Assert.Equal(340m, s.TaxAt(0.25m));
        Assert.Equal(1.3m, s.Remaining!.Quantity); // 0.3 of 2022 + 1 of 2024
    }

    [Fact]
    public void Hifo_MostExpensiveFirst()
    {
        // 1 of 2024 (3,500) + 0.2 of 2021 (400): gain 3,600 − 3,900 = −300 (a loss: no tax).
        var s = Lots().Sell(1.2m, 3_000m, LotMethod.Hifo);
        Assert.Equal(["2024", "2021"], s.Pieces.Select(p => p.LotId));
        Assert.Equal(-300m, s.RealizedGain);
        Assert.Equal(0m, s.TaxAt(0.25m));
    }

    [Fact]
    public void Specific_TheNamedLots_WithFee()
    {
        // 0.5 of 2022 (600) + 0.7 of 2021 (1,400); fee 0.1 % of 3,600 = 3.6: gain 3,600 − 3.6 − 2,000 = 1,596.4.
        var s = Lots().Sell(1.2m, 3_000m, LotMethod.Specific, ["2022", "2021"], 0.001m);
        Assert.Equal(1_596.4m, s.RealizedGain);
        BadInput.Throws("lotIds", () => Lots().Sell(1.2m, 3_000m, LotMethod.Specific));
        BadInput.Throws("lotIds", () => Lots().Sell(1.2m, 3_000m, LotMethod.Specific, ["nope"]));
        BadInput.Throws("lotIds", () => Lots().Sell(1.2m, 3_000m, LotMethod.Specific, ["2022"])); // 0.5 < 1.2
    }

    [Fact]
    public void BadInput_NamesTheParameter()
    {
        var l = Lots();
        BadInput.Rejects("quantity", q => l.Sell(q, 1m, LotMethod.Fifo), BadInput.NonPositiveDecimals);
        BadInput.Throws("quantity", () => l.Sell(2.6m, 1m, LotMethod.Fifo));
        BadInput.Rejects("price", p => l.Sell(1m, p, LotMethod.Fifo), BadInput.NonPositiveDecimals);
        BadInput.Throws("method", () => l.Sell(1m, 1m, (LotMethod)9));
        BadInput.Rejects("taxRate", r => l.Sell(1m, 1m, LotMethod.Fifo).TaxAt(r), -0.01m, 1.01m);
        BadInput.Throws("lots", () => TaxLots.Create("ETH", [new TaxLot("a", 1m, 1m), new TaxLot("A", 1m, 1m)]));
        BadInput.Throws("lots", () => TaxLots.Create("ETH", []));
        BadInput.Rejects("quantity", q => new TaxLot("x", q, 1m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("costPerUnit", c => new TaxLot("x", 1m, c), BadInput.NegativeDecimals);
        Assert.Equal(SpotHolding.Create("ETH", 2.5m, 6_100m / 2.5m).AverageCost, l.ToHolding().AverageCost); // (2,000 + 3,500 + 600)/2.5 = 2,440
    }
}
