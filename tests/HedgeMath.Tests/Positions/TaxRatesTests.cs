using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Positions;

/// <summary>Short- and long-term tax rates by holding period, the sale fee per lot, and the tax on a hedge's funding and profit (issue 22, items 4 and 14).</summary>
public class TaxRatesTests
{
    private static TaxLots EthLots() => TaxLots.Create("ETH", [new TaxLot("a", 1m, 1_500m, new DateOnly(2021, 7, 1)), new TaxLot("b", 1m, 2_500m, new DateOnly(2024, 1, 1))]);

    [Fact]
    public void LotPieces_CarryTheirShareOfTheFee_AndAddUpToTheRealizedGain()
    {
        // Sell 2 ETH at 3,000 with a 0.1 % fee: 6 in all, 3 per lot. Lot a: 3,000 − 3 − 1,500 = 1,497; lot b: 3,000 − 3 − 2,500 = 497.
        var sale = EthLots().Sell(2m, 3_000m, LotMethod.Fifo, null, 0.001m);
        Assert.Equal([3m, 3m], sale.Pieces.Select(p => p.Fee));
        Assert.Equal([1_497m, 497m], sale.Pieces.Select(p => p.GainAfterFee));
        Assert.Equal([1_500m, 500m], sale.Pieces.Select(p => p.Proceeds - p.Cost));                   // before the fee, as before
        Assert.Equal(sale.RealizedGain, sale.Pieces.Sum(p => p.GainAfterFee));              // 6,000 − 6 − 4,000 = 1,994
    }

    [Fact]
    public void TaxAt_ShortAndLongTermRates_ByHoldingPeriod()
    {
        var sale = EthLots().Sell(2m, 3_000m, LotMethod.Fifo, null, 0.001m);
        var rates = TaxRates.Create(0.30m, 0.15m);                                          // more than 365 days: long-term
        var day = new DateOnly(2024, 6, 1);
        // Lot a held 2021-07-01 → 2024-06-01 = 1,066 days: long-term; lot b held 2024-01-01 → 2024-06-01 = 152 days: short-term.
        Assert.Equal([1_066, 152], sale.Pieces.Select(p => TaxRates.HeldDays(p.Acquired, day)!.Value));
        Assert.Equal(1_497m, sale.GainOfClass(rates, day, longTerm: true));
        Assert.Equal(497m, sale.GainOfClass(rates, day, longTerm: false));
        // 0.30 × 497 + 0.15 × 1,497 = 149.10 + 224.55 = 373.65 (a flat 30 % would be 0.30 × 1,994 = 598.20).
        Assert.Equal(373.65m, sale.TaxAt(rates, day));
        Assert.Equal(598.2m, sale.TaxAt(0.30m));
        // Exactly 365 days is not "more than one year": lot b sold on 2024-12-31 (365 days, 2024 is a leap year) is short-term;
        // on 2025-01-01 (366 days) long-term.
        Assert.False(rates.IsLongTerm(sale.Pieces[1].Acquired, new DateOnly(2024, 12, 31)));
        Assert.True(rates.IsLongTerm(sale.Pieces[1].Acquired, new DateOnly(2025, 1, 1)));
        // A lot without a date is taxed short-term (conservative): 0.30 × (3,000 − 3 − 1,500).
        var undated = TaxLots.Create("ETH", [new TaxLot("x", 1m, 1_500m)]).Sell(1m, 3_000m, LotMethod.Fifo, null, 0.001m);
        Assert.Equal(449.1m, undated.TaxAt(rates, day));
        Assert.Equal(0.25m, TaxRates.Flat(0.25m).LongTermRate);
        BadInput.Rejects("shortTermRate", r => TaxRates.Create(r, 0.1m), -0.01m, 1.01m);
        BadInput.Rejects("longTermRate", r => TaxRates.Create(0.1m, r), -0.01m, 1.01m);
        BadInput.Rejects("longTermAfterDays", d => TaxRates.Create(0.1m, 0.1m, d), -1, 36_501);
        BadInput.Rejects("rate", r => TaxRates.Flat(r), -0.01m, 1.01m);
    }

    [Fact]
    public void HedgeVersusSale_TaxesTheFundingAndTheHedgesProfit_AndUsesTheLotDates()
    {
        // docs/strategies.md §6: short 0.5 BTC at 40,000 (notional 20,000, 2x); fees 2 × 20,000 × 0.05 % = 20;
        // funding 20,000 × 0.0001 × 3 × 30 = 180 received; hedge cost 20 − 180 = −160.
        var derisk = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Contract.BinanceBtcUsdt, 2m, 40_000m);
        var lots = TaxLots.Create("BTC", [new TaxLot("a", 1m, 20_000m, new DateOnly(2021, 1, 5)), new TaxLot("b", 1m, 40_000m, new DateOnly(2024, 3, 1))]);
        var flat = HedgeVersusSale.For(derisk.Hedge, lots, LotMethod.Fifo, 0.25m);
        Assert.Equal(-160m, flat.HedgeCost);
        Assert.Equal(45m, flat.TaxOnFunding);                      // 0.25 × 180: funding received is taxable income
        Assert.Equal(-115m, flat.HedgeCostAfterTax);               // −160 + 45
        Assert.Equal(2_610m, flat.TaxMinusHedgeCost);              // tax 2,495 = (20,000 − 20 − 10,000) × 0.25; 2,495 + 115
        Assert.Equal(500m, flat.TaxOnHedgeGain(2_000m));           // a profitable close is taxable: 0.25 × 2,000
        Assert.Equal(0m, flat.TaxOnHedgeGain(-2_000m));
        // With dates: FIFO sells 0.5 of lot a (held since 2021-01-05: long-term on 2024-06-01) → 0.10 × 9,980 = 998.
        var dated = HedgeVersusSale.For(derisk.Hedge, lots, LotMethod.Fifo, TaxRates.Create(0.25m, 0.10m), new DateOnly(2024, 6, 1));
        Assert.Equal(998m, dated.Tax);
        Assert.Equal(45m, dated.TaxOnFunding);                     // funding at the short-term rate
    }
}
