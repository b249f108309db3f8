using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// Issue 15: the optimised margin hot path (<see cref="MarginCalc.LiquidationPrice"/>, <see cref="MarginCalc.Isolated(Position, decimal, LiquidationRule?)"/>,
/// <see cref="MarginCalc.Cross(CrossAccount, IReadOnlyDictionary{string, decimal}, LiquidationRule?)"/>) gives exactly (decimal-equal)
/// the results of the frozen code it replaced (<see cref="MarginV1"/>, the benchmarks' baseline), for random linear and
/// inverse positions in every tier of the embedded tables, under every rule, isolated and cross (one-way and hedge mode),
/// and throws the same exception for the same bad case.
/// </summary>
public class MarginOptimizedVersusFrozenTests
{
    private static readonly Config Cfg = HedgePropertyAttribute.CheckConfig(5000);

    public sealed record IsoCase(Contract Contract, LiquidationRule Rule, Side Side, decimal Quantity, decimal Entry, decimal Leverage,
        decimal ExtraMargin, decimal Mark);

    private static readonly (Contract Contract, LiquidationRule Rule)[] Rules =
    [
        (Contract.BinanceBtcUsdt, LiquidationRule.BinanceUsdM),
        (Contract.BinanceEthUsdt, LiquidationRule.BinanceUsdM),
        (Contract.BinanceBtcUsdt, LiquidationRule.OkxGate),
        (Contract.BinanceEthUsdt, LiquidationRule.BybitLinear),
        (Contract.BinanceCoinMBtcUsd, LiquidationRule.BinanceCoinM),
        (Contract.BinanceCoinMBtcUsd, LiquidationRule.OkxGate),
        (Contract.BinanceCoinMBtcUsd, LiquidationRule.BybitInverse),
    ];

    /// <summary>A position whose entry notional lies in a tier picked uniformly among all tiers of its table.</summary>
    private static Gen<IsoCase> IsoCases() =>
        from which in Gen.Choose(0, Rules.Length - 1)
        from side in Gen.Elements(Side.Long, Side.Short)
        from tierPick in Gen.Choose(0, 1000)
        from fraction in Gen.Choose(1, 999)
        from entryMicros in Gen.Choose(1_000_000, 2_000_000_000)
        from digits in Gen.Choose(0, 8)
        from levPick in Gen.Choose(0, 10_000)
        from extraPermille in Gen.Choose(0, 3000)
        from markPermille in Gen.Choose(200, 1800)
        select BuildIso(which, side, tierPick, fraction / 1000m, decimal.Round(entryMicros / 10_000m, digits % 5), digits, levPick,
            extraPermille % 4 == 0 ? extraPermille / 1000m : 0m, markPermille / 1000m);

    private static IsoCase BuildIso(int which, Side side, int tierPick, decimal fraction, decimal entry, int digits, int levPick, decimal extra, decimal markFactor)
    {
        var (contract, rule) = Rules[which];
        var tiers = contract.Tiers.Tiers;
        var tier = tiers[tierPick % tiers.Length];
        var top = tier.NotionalCap > tier.NotionalFloor * 4 + 1_000m ? tier.NotionalFloor * 4 + 1_000m : tier.NotionalCap;
        var notional = tier.NotionalFloor + fraction * (top - tier.NotionalFloor);
        // Quantities with 3..8 decimals (linear) exercise long mantissas and mixed scales; inverse quantities are whole contracts.
        decimal q = contract.Type == ContractType.Linear
            ? Math.Max(contract.LotStep, decimal.Round(notional / entry, 3 + digits % 6))
            : Math.Max(1m, decimal.Round(notional * entry / contract.ContractSize));
        var max = decimal.Floor(contract.MaxLeverageFor(contract.Notional(q, entry)));
        decimal lev = 1m + levPick % max;
        return new IsoCase(contract, rule, side, q, entry, lev, extra, decimal.Round(entry * markFactor, digits % 4));
    }

    private static Position Open(IsoCase c)
    {
        var p = Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.Leverage);
        return c.ExtraMargin == 0m ? p : p.WithIsolatedMargin(p.IsolatedMargin * (1m + c.ExtraMargin));
    }

    [Fact]
    public void LiquidationPrice_EqualsFrozenBaseline()
    {
        Prop.ForAll(IsoCases().ToArbitrary(), c =>
        {
            var p = Open(c);
            var (expected, expectedError) = Try(() => MarginV1.LiquidationPrice(p, c.Rule));
            var (actual, actualError) = Try(() => MarginCalc.LiquidationPrice(p, c.Rule));
            return ((SameError(expectedError, actualError) && expected == actual) || NoPriceSinceFrozen(expectedError, actualError, actual))
                .Label($"{c}: frozen {expected?.ToString() ?? expectedError?.GetType().Name ?? "none"}, optimised {actual?.ToString() ?? actualError?.GetType().Name ?? "none"}")
                .Classify(expected is null, "no liquidation price");
        }).Check(Cfg);
    }

    [Fact]
    public void Isolated_EqualsFrozenBaseline()
    {
        Prop.ForAll(IsoCases().ToArbitrary(), c =>
        {
            var p = Open(c);
            var (expected, expectedError) = Try(() => MarginV1.Isolated(p, c.Mark, c.Rule));
            var (actual, actualError) = Try(() => MarginCalc.Isolated(p, c.Mark, c.Rule));
            string diff = expected is null || actual is null ? "" : Diff(expected, actual, UnifiedRule(c.Rule));
            return ((SameError(expectedError, actualError) && (expected is null) == (actual is null) && diff.Length == 0)
                    || NoPriceSinceFrozen(expectedError, actualError, actual?.LiquidationPrice))
                .Label($"{c}: {diff}{expectedError?.Message}{actualError?.Message}");
        }).Check(Cfg);
    }

    public sealed record CrossCase(bool Inverse, bool Hedge, LiquidationRule Rule, decimal WalletPermille, (int Symbol, Side Side, decimal Quantity, decimal Entry, decimal Leverage, decimal Mark)[] Legs);

    private static readonly Contract[] LinearSymbols = MakeSymbols(inverse: false);
    private static readonly Contract[] InverseSymbols = MakeSymbols(inverse: true);

    private static Contract[] MakeSymbols(bool inverse)
    {
        // Eight symbols sharing the BTCUSDT (linear) or COIN-M BTCUSD (inverse) tier table, as the benchmark's account.
        var c = new Contract[8];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = inverse
                ? Contract.Inverse($"I{i}USD_PERP", "BTC", "USD", 100m, Contract.BinanceCoinMBtcUsd.Tiers, 0.1m, 1m, 0.0002m, 0.0005m)
                : Contract.Linear($"L{i}USDT", $"L{i}", "USDT", Contract.BinanceBtcUsdt.Tiers, 0.01m, 0.001m, 0.0002m, 0.0005m);
        }
        return c;
    }

    private static Gen<CrossCase> CrossCases() =>
        from inverse in Gen.Elements(false, true)
        from hedge in Gen.Elements(false, false, true)
        from okx in Gen.Elements(false, false, true)
        from wallet in Gen.Choose(0, 3000)
        from n in Gen.Choose(1, 12)
        from legs in Gen.ArrayOf(
            from symbol in Gen.Choose(0, 7)
            from side in Gen.Elements(Side.Long, Side.Short)
            from tierPick in Gen.Choose(0, 1000)
            from fraction in Gen.Choose(1, 999)
            from entryCents in Gen.Choose(1_000, 10_000_000)
            from levPick in Gen.Choose(0, 1000)
            from markPermille in Gen.Choose(500, 1500)
            select (symbol, side, tierPick, fraction, entryCents, levPick, markPermille), n)
        select BuildCross(inverse, hedge, okx, wallet, legs);

    private static CrossCase BuildCross(bool inverse, bool hedge, bool okx, int wallet,
        (int Symbol, Side Side, int TierPick, int Fraction, int EntryCents, int LevPick, int MarkPermille)[] legs)
    {
        var contracts = inverse ? InverseSymbols : LinearSymbols;
        var list = new List<(int, Side, decimal, decimal, decimal, decimal)>();
        var seen = new HashSet<(int, Side)>();
        var marks = new Dictionary<int, decimal>();
        foreach (var l in legs)
        {
            // One-way: one position per symbol; hedge: one per symbol and side (CrossAccount's rule).
            if (!seen.Add(hedge ? (l.Symbol, l.Side) : (l.Symbol, Side.Long))) continue;
            var contract = contracts[l.Symbol];
            var tiers = contract.Tiers.Tiers;
            var tier = tiers[l.TierPick % Math.Min(tiers.Length, 6)];
            var top = tier.NotionalCap > tier.NotionalFloor * 4 + 1_000m ? tier.NotionalFloor * 4 + 1_000m : tier.NotionalCap;
            var notional = tier.NotionalFloor + l.Fraction / 1000m * (top - tier.NotionalFloor);
            decimal entry = l.EntryCents / 100m;
            decimal q = inverse ? Math.Max(1m, decimal.Round(notional * entry / contract.ContractSize)) : Math.Max(0.001m, decimal.Round(notional / entry, 3));
            var max = decimal.Floor(contract.MaxLeverageFor(contract.Notional(q, entry)));
            if (!marks.ContainsKey(l.Symbol)) marks[l.Symbol] = decimal.Round(entry * l.MarkPermille / 1000m, 2);
            list.Add((l.Symbol, l.Side, q, entry, 1m + l.LevPick % max, marks[l.Symbol]));
        }
        var rule = okx ? LiquidationRule.OkxGate : inverse ? LiquidationRule.BinanceCoinM : LiquidationRule.BinanceUsdM;
        return new CrossCase(inverse, hedge, rule, wallet, [.. list]);
    }

    [Fact]
    public void Cross_EqualsFrozenBaseline()
    {
        Prop.ForAll(CrossCases().ToArbitrary(), c =>
        {
            var contracts = c.Inverse ? InverseSymbols : LinearSymbols;
            var positions = c.Legs.Select(l => Position.Open(contracts[l.Symbol], l.Side, l.Quantity, l.Entry, l.Leverage, MarginMode.Cross)).ToList();
            var wallet = positions.Sum(p => p.InitialMargin()) * c.WalletPermille / 1000m;
            var account = CrossAccount.Create(c.Inverse ? "BTC" : "USDT", wallet, positions, c.Hedge ? PositionMode.Hedge : PositionMode.OneWay);
            var marks = new Dictionary<string, decimal>();
            foreach (var l in c.Legs) marks[contracts[l.Symbol].Symbol] = l.Mark;
            var (expected, expectedError) = Try(() => MarginV1.Cross(account, marks, c.Rule));
            var (actual, actualError) = Try(() => MarginCalc.Cross(account, marks, c.Rule));
            string diff = "";
            if (expected is not null && actual is not null)
            {
                diff += Field("WalletBalance", expected.WalletBalance, actual.WalletBalance)
                    + Field("UnrealizedPnl", expected.UnrealizedPnl, actual.UnrealizedPnl)
                    + Field("MarginBalance", expected.MarginBalance, actual.MarginBalance)
                    + Field("InitialMargin", expected.InitialMargin, actual.InitialMargin)
                    + Field("MaintenanceMargin", expected.MaintenanceMargin, actual.MaintenanceMargin)
                    + Field("MarginRatio", expected.MarginRatio, actual.MarginRatio)
                    + Field("IsLiquidatable", expected.IsLiquidatable, actual.IsLiquidatable)
                    + Field("Rule", expected.Rule, actual.Rule)
                    + Field("Count", expected.Positions.Length, actual.Positions.Length);
                for (int i = 0; i < Math.Min(expected.Positions.Length, actual.Positions.Length); i++)
                {
                    var d = Diff(expected.Positions[i], actual.Positions[i]);
                    if (d.Length > 0) diff += $"[{i}] {d}";
                }
            }
            return (SameError(expectedError, actualError) && (expected is null) == (actual is null) && diff.Length == 0)
                .Label($"{c.Rule} hedge={c.Hedge} wallet={wallet} legs={string.Join("; ", c.Legs)}: {diff}{expectedError?.Message}{actualError?.Message}")
                .Classify(c.Hedge, "hedge mode");
        }).Check(HedgePropertyAttribute.CheckConfig(1500));
    }

    [Fact]
    public void BadInput_ThrowsAsFrozenBaseline()
    {
        // The same validation, in the same order: a cross position, a missing mark, a rule for the other contract type.
        var cross = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        var iso = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m);
        var account = CrossAccount.Create("USDT", 1_000m, [cross]);
        AssertSameThrow(() => MarginV1.LiquidationPrice(cross), () => MarginCalc.LiquidationPrice(cross));
        AssertSameThrow(() => MarginV1.LiquidationPrice(iso, LiquidationRule.BinanceCoinM), () => MarginCalc.LiquidationPrice(iso, LiquidationRule.BinanceCoinM));
        AssertSameThrow(() => MarginV1.Isolated(iso, 0m), () => MarginCalc.Isolated(iso, 0m));
        AssertSameThrow(() => MarginV1.Cross(account, new Dictionary<string, decimal>()), () => MarginCalc.Cross(account, new Dictionary<string, decimal>()));
        AssertSameThrow(() => MarginV1.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = -1m }),
            () => MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = -1m }));
        AssertSameThrow(() => MarginV1.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = 1m }, LiquidationRule.BybitLinear),
            () => MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = 1m }, LiquidationRule.BybitLinear));
    }

    [Theory]
    [InlineData(1, true)]   // the initial margins' sum overflows decimal: both throw naming markPrices
    [InlineData(10, false)] // only the notionals' sum does: the optimised pass sums the initial margins eagerly
    public void Cross_HugeNotionals_SameOutcomeAsFrozenBaseline(int leverage, bool throws)
    {
        var flat = MarginTierTable.Flat(0.004m, 125m);
        var a = Contract.Linear("AUSDT", "A", "USDT", flat, 0.01m, 0.001m, 0.0002m, 0.0005m);
        var b = Contract.Linear("BUSDT", "B", "USDT", flat, 0.01m, 0.001m, 0.0002m, 0.0005m);
        var account = CrossAccount.Create("USDT", 1m,
            [Position.Open(a, Side.Long, 5e28m, 1m, leverage, MarginMode.Cross), Position.Open(b, Side.Short, 5e28m, 1m, leverage, MarginMode.Cross)]);
        var marks = new Dictionary<string, decimal> { ["AUSDT"] = 1m, ["BUSDT"] = 1m };
        var (expected, expectedError) = Try(() => MarginV1.Cross(account, marks));
        var (actual, actualError) = Try(() => MarginCalc.Cross(account, marks));
        Assert.Equal(throws, expectedError is not null);
        Assert.True(SameError(expectedError, actualError), $"{expectedError?.Message} / {actualError?.Message}");
        if (expected is not null)
        {
            Assert.Equal(expected.InitialMargin, actual!.InitialMargin); // 5e27 + 5e27
            Assert.Equal(expected.MaintenanceMargin, actual.MaintenanceMargin);
            for (int i = 0; i < 2; i++) Assert.Equal("", Diff(expected.Positions[i], actual.Positions[i]));
        }
    }

    private static void AssertSameThrow(Action frozen, Action optimised)
    {
        var e = Assert.ThrowsAny<ArgumentException>(frozen);
        var a = Assert.ThrowsAny<ArgumentException>(optimised);
        Assert.Equal(e.GetType(), a.GetType());
        Assert.Equal(e.ParamName, a.ParamName);
        Assert.Equal(e.Message, a.Message);
    }

    /// <summary>Bybit's Unified Trading Account rules, whose liquidation test changed on purpose after the freeze (see <see cref="Diff"/>).</summary>
    private static bool UnifiedRule(LiquidationRule? r) => r is LiquidationRule.BybitLinearUnified or LiquidationRule.BybitInverse;

    /// <summary>
    /// Every field equal, except under Bybit's Unified Trading Account rules (<paramref name="unified"/>): there the frozen
    /// code's liquidation test used the plain margin and disagreed with its own liquidation price within extra × taker
    /// (fixed since), so the optimised test is checked against the frozen liquidation price instead: liquidatable exactly
    /// when the mark is at or beyond it (the margin balance minus the maintenance margin is monotonic in the mark).
    /// </summary>
    private static string Diff(MarginSnapshot e, MarginSnapshot a, bool unified = false)
    {
        if (!unified) return DiffAll(e, a);
        bool beyond = e.LiquidationPrice is { } lp && (e.Position.IsLong ? e.MarkPrice <= lp : e.MarkPrice >= lp);
        var fixedUp = e with { IsLiquidatable = beyond };
        return DiffAll(fixedUp, a);
    }

    private static string DiffAll(MarginSnapshot e, MarginSnapshot a) =>
        Field("Rule", e.Rule, a.Rule)
        + Field("Position", ReferenceEquals(e.Position, a.Position), true)
        + Field("SettlementAsset", e.SettlementAsset, a.SettlementAsset)
        + Field("MarkPrice", e.MarkPrice, a.MarkPrice)
        + Field("Notional", e.Notional, a.Notional)
        + Field("InitialMargin", e.InitialMargin, a.InitialMargin)
        + Field("MaintenanceMargin", e.MaintenanceMargin, a.MaintenanceMargin)
        + Field("Tier", e.Tier, a.Tier)
        + Field("LiquidationTier", e.LiquidationTier, a.LiquidationTier)
        + Field("WalletBalance", e.WalletBalance, a.WalletBalance)
        + Field("UnrealizedPnl", e.UnrealizedPnl, a.UnrealizedPnl)
        + Field("MarginBalance", e.MarginBalance, a.MarginBalance)
        + Field("MarginRatio", e.MarginRatio, a.MarginRatio)
        + Field("IsLiquidatable", e.IsLiquidatable, a.IsLiquidatable)
        + Field("LiquidationPrice", e.LiquidationPrice, a.LiquidationPrice)
        + Field("BankruptcyPrice", e.BankruptcyPrice, a.BankruptcyPrice)
        + Field("DistanceToLiquidation", e.DistanceToLiquidation, a.DistanceToLiquidation);

    private static string Field<T>(string name, T expected, T actual) =>
        EqualityComparer<T>.Default.Equals(expected, actual) ? "" : $"{name}: frozen {expected}, optimised {actual}; ";

    private static (T? Value, Exception? Error) Try<T>(Func<T> f) where T : class
    {
        try { return (f(), null); }
        catch (ArgumentException ex) { return (null, ex); }
    }

    private static (decimal? Value, Exception? Error) Try(Func<decimal?> f)
    {
        try { return (f(), null); }
        catch (ArgumentException ex) { return (null, ex); }
    }

    /// <summary>
    /// The one intended difference from the frozen code (CHANGELOG, Fixed/Margin): a liquidation quotient beyond decimal's
    /// range — a 1x inverse short whose denominator is a rounding residue — was an overflow error there and is no price now.
    /// </summary>
    private static bool NoPriceSinceFrozen(Exception? frozenError, Exception? actualError, decimal? actualPrice) =>
        frozenError is ArgumentException { InnerException: OverflowException } && actualError is null && actualPrice is null;

    private static bool SameError(Exception? e, Exception? a) =>
        (e is null && a is null) || (e is not null && a is not null && e.GetType() == a.GetType() && e.Message == a.Message);
}
