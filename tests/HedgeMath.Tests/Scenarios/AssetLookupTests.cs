using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>The one asset lookup of <see cref="PlanHistory"/> and <see cref="ReplayResult.AssetMoves"/>: the key as
/// given first, else the first key equal ignoring case, else none.</summary>
public class AssetLookupTests
{
    [Fact]
    public void TryFind_PrefersTheExactKey_ThenIgnoresCase_ElseFindsNothing()
    {
        // "btc" is enumerated before "BTC": an exact "BTC" still wins, "Btc" takes the first match ignoring case.
        var map = new Dictionary<string, int>(StringComparer.Ordinal) { ["btc"] = 1, ["BTC"] = 2, ["SOL"] = 3 };
        Assert.True(AssetLookup.TryFind(map, "BTC", out var exact));
        Assert.Equal(2, exact);
        Assert.True(AssetLookup.TryFind(map, "Btc", out var folded));
        Assert.Equal(1, folded);
        Assert.True(AssetLookup.TryFind(map, "sol", out var sol));
        Assert.Equal(3, sol);
        Assert.False(AssetLookup.TryFind(map, "ETH", out var none));
        Assert.Equal(0, none);
        // A prefix or a longer name is not the asset.
        Assert.False(AssetLookup.TryFind(map, "BT", out _));
        Assert.False(AssetLookup.TryFind(map, "BTCUSDT", out _));
    }

    [Fact]
    public void TryFind_UsesTheDictionarysOwnComparerFirst()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Eth"] = "eth history" };
        Assert.True(AssetLookup.TryFind(map, "ETH", out var v));
        Assert.Equal("eth history", v);
        Assert.False(AssetLookup.TryFind(new Dictionary<string, string>(), "ETH", out var missing));
        Assert.Null(missing);
    }
}
