using HedgeMath.Engine;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// A 1x coin-margined short — the natural full hedge of spot coins — is never liquidated under Binance COIN-M, and adding
/// to it at another price must not change that (it threw "position is too large: the calculation overflows" before).
/// </summary>
public class InverseOneTimesShortTests
{
    private static readonly Contract BtcUsdPerp = Contract.Find("binance-coinm", "BTCUSD_PERP");

    // Binance COIN-M balance equation (Binance FAQ "Liquidation Price of COIN-M Futures"), isolated, one short:
    //   WB + Q·(1/P − 1/EP) = Q/P·MMR − cum.
    // At 1x the margin WB is Q/EP (each add's Q_i/EP_i, and the average entry is their harmonic mean, so the sum is Q/EP):
    //   Q/P = Q/P·MMR − cum  ⇒  Q/P·(1 − MMR) = −cum,
    // which no positive P solves for cum ≥ 0: there is no liquidation price.
    [Theory]
    [InlineData(61_000, 97_000)]
    [InlineData(43_210.7, 51_234.9)]
    [InlineData(30_000, 29_999.9)]
    [InlineData(50_000, 40_000)]
    public void AddingToA1xShort_AtAnotherPrice_KeepsItUnliquidatable(double first, double second)
    {
        decimal p1 = (decimal)first, p2 = (decimal)second;
        var book = HedgeBook.Empty.Open(BtcUsdPerp, Side.Short, 10m, p1, 1m).Book;
        var traded = book.TradeTo(0, 17m, p2);           // threw ArgumentException (overflow) before the fix for three of these
        var position = traded.Book.Legs[0].Position!;
        Assert.Equal(17m, position.Quantity);
        // Harmonic mean of the entries, weighted by contracts: 17 / (10/p1 + 7/p2).
        Assert.Equal(17m / (10m / p1 + 7m / p2), position.EntryPrice, 20);
        var snapshot = MarginCalc.Isolated(position, p2);
        Assert.Null(snapshot.LiquidationPrice);
        Assert.Null(snapshot.BankruptcyPrice);             // WB − Q/EP = 0 (or its rounding residue): no price where the balance is 0
        // A 10 % spike over the next bar does not liquidate it either.
        var moved = traded.Book.Move(PriceBar.Create(DateTimeOffset.UnixEpoch.AddDays(1), p2, p2 * 1.1m, p2 * 0.9m, p2, p2, p2 * 1.1m, p2 * 0.9m, p2));
        Assert.True(moved.Legs[0].IsOpen);
    }

    [Fact]
    public void CoinMFormula_DenominatorARoundingResidue_IsNoPriceNotAnError()
    {
        // Q = 17 · 100 = 1,700 USD short at 1x: WB = Q/EP plus a residue of 1e-26 BTC, MMR 0.4 %, cum 0.
        // LP = (Q·MMR − Q) / (WB + cum − Q/EP) = (6.8 − 1,700) / 1e-26 ≈ −1.7e29: beyond decimal and negative, so no price.
        const decimal entry = 72_003.579098067287043664992694m;
        decimal wb = 1_700m / entry + 0.00000000000000000000000001m;
        Assert.Null(MarginCalc.CoinMLiquidationPrice(Side.Short, 17m, 100m, entry, wb, 0.004m, 0m));
        // With the residue of the other sign the quotient is +1.7e29, a price no market reaches: also none.
        Assert.Null(MarginCalc.CoinMLiquidationPrice(Side.Short, 17m, 100m, entry, 1_700m / entry - 0.00000000000000000000000001m, 0.004m, 0m));
        // A real 2x short still has its price: WB = Q/(2·EP) → LP = (Q·MMR − Q) / (Q/(2EP) − Q/EP) = 2·EP·(1 − MMR) = 143,431.13…
        var lp = MarginCalc.CoinMLiquidationPrice(Side.Short, 17m, 100m, entry, 1_700m / (2m * entry), 0.004m, 0m);
        Assert.Equal(2m * entry * (1m - 0.004m), lp!.Value, 15);
    }
}
