using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Positions;

/// <summary>
/// An exchange takes no position beyond a contract's largest tier — neither opened at once nor reached by adding to a
/// smaller one (<see cref="Position.Increase"/> had let a position grow past the cap that <see cref="Position.Open"/> refuses;
/// found by the plan evaluator's mutation tests, issue 29). The stub contract's one tier ends at a notional of 1,000,000,000 USDT.
/// </summary>
public class PositionLargestTierTests
{
    [Fact]
    public void Increase_PastTheLargestTier_IsRefusedAsOpenRefusesIt()
    {
        var c = Stub.Contract();
        // Open: 12,000,000 BTC at 100 is a notional of 1.2e9, above the cap.
        Assert.Contains("gives a notional of 1200000000", BadInput.Throws("quantity", () => Position.Open(c, Side.Short, 12_000_000m, 100m, 2m)).Message);
        // 6,000,000 BTC (6e8) is within it; adding 6,000,000 more at 100 takes the position to the same 1.2e9: refused, naming
        // the added quantity and the largest tier.
        var p = Position.Open(c, Side.Short, 6_000_000m, 100m, 2m);
        var e = BadInput.Throws("quantity", () => p.Increase(6_000_000m, 100m));
        Assert.Contains("gives a notional of 1200000000", e.Message);
        Assert.Contains("above the cap of the largest tier of STUBUSDT (1000000000)", e.Message);
        // Up to the cap exactly: 4,000,000 more (1e9) is taken.
        Assert.Equal(10_000_000m, p.Increase(4_000_000m, 100m).Quantity);
    }
}
