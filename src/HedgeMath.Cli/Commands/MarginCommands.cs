using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The futures calculator: <c>margin</c>, <c>liquidation</c>, <c>pnl</c>, <c>target-price</c>, <c>max-open</c>,
/// <c>breakeven</c>, <c>risk</c>. Every number comes from HedgeMath.Positions / HedgeMath.Margin; these files only map options to
/// library calls and library results to reports.
/// </summary>
internal static partial class MarginCommands
{
    public static IEnumerable<Command> All()
    {
        yield return MarginCommand();
        yield return LiquidationCommand();
        yield return PnlCommand();
        yield return TargetPriceCommand();
        yield return MaxOpenCommand();
        yield return BreakevenCommand();
        yield return RiskCommand();
    }

    // ---------------------------------------------------------------- options shared by the calculator commands
    private static Option<string> SymbolOption() =>
        Cli.Optional("--symbol", "Contract symbol in the catalog on --exchange, e.g. BTCUSDT, ETHUSDT, SOLUSDT (Binance USDⓈ-M), BTCUSD (Binance COIN-M inverse); list: hedgemath contracts.", "BTCUSDT");
    private static Option<string> SideOption() => Cli.Required<string>("--side", "long or short.");
    private static Option<decimal> SizeOption() => Cli.Required<decimal>("--size", "Futures position size, in the contract's quantity unit: base units (BTCUSDT/ETHUSDT) or contracts (BTCUSD; OKX swaps: 1 BTC-USDT-SWAP contract = 0.01 BTC).");
    private static Option<decimal> EntryOption() => Cli.Required<decimal>("--entry", "Entry price.");
    private static Option<decimal?> MarkOption() => Cli.Optional<decimal?>("--mark", "Mark price (default: the entry price).", null);
    private static Option<decimal> LeverageOption() => Cli.Optional("--leverage", "Leverage (initial margin rate = 1/leverage).", 10m);
    private static Option<string> ModeOption() => Cli.Optional("--mode", "isolated or cross (cross: a one-position cross account whose wallet is --margin).", "isolated");
    private static Option<decimal?> MarginOption() =>
        Cli.Optional<decimal?>("--margin", "Isolated margin, or the cross wallet balance, in the settlement asset (default: the initial margin).", null);
    private static Option<string?> RuleOption() =>
        Cli.Optional<string?>("--rule", "Liquidation rule: binance-usdm, binance-coinm, bybit (linear: MM at entry, the catalog default; inverse: UTA), bybit-uta (linear, Unified Trading Account: fee to close in the bankruptcy price), okx (default: the contract's own exchange rule).", null);

    private sealed record PositionOptions(Option<string> Symbol, Option<string> Side, Option<decimal> Size, Option<decimal> Entry,
        Option<decimal?> Mark, Option<decimal> Leverage, Option<string> Mode, Option<decimal?> Margin, Option<string?> Rule)
    {
        public static PositionOptions AddTo(Command c)
        {
            var o = new PositionOptions(SymbolOption(), SideOption(), SizeOption(), EntryOption(), MarkOption(), LeverageOption(),
                ModeOption(), MarginOption(), RuleOption());
            foreach (var opt in new Option[] { o.Symbol, o.Side, o.Size, o.Entry, o.Mark, o.Leverage, o.Mode, o.Margin, o.Rule }) c.Options.Add(opt);
            return o;
        }
    }

    // ---------------------------------------------------------------- parsing shared by the calculator commands (text → values)
    /// <summary>The catalog contract of <c>--exchange</c> and <c>--symbol</c> (BTCUSD on the default exchange means Binance COIN-M BTCUSD_PERP).</summary>
    internal static Contract Preset(ParseResult pr, string symbol)
    {
        var exchange = pr.GetValue(Cli.Exchange) ?? "binance-usdm";
        var s = symbol.Trim();
        if (string.Equals(exchange, "binance-usdm", StringComparison.OrdinalIgnoreCase)
            && (s.Equals("BTCUSD", StringComparison.OrdinalIgnoreCase) || s.Equals("BTCUSD_PERP", StringComparison.OrdinalIgnoreCase)))
            return Contract.BinanceCoinMBtcUsd;
        if (string.Equals(exchange, "binance-coinm", StringComparison.OrdinalIgnoreCase) && !s.Contains('_'))
            s += "_PERP";
        // A fresher overlay fetched with `contracts refresh` wins over the embedded catalog (HedgeMath.Exchanges.ContractOverlays).
        if (ContractOverlays.Freshest(ContractOverlays.Load(), exchange, s) is { } fresh) return fresh.Contract;
        if (Contract.TryFind(exchange, s, out var c)) return c;
        try { return Contract.Find(exchange, s); }
        catch (ArgumentException ex) { throw new ArgumentException($"--exchange {exchange} --symbol {symbol}: {ex.Message.Split(" (Parameter")[0]}", "symbol", ex); }
    }

    private static Side ParseSide(string side) => side.Trim().ToLowerInvariant() switch
    {
        "long" or "buy" => Side.Long,
        "short" or "sell" => Side.Short,
        _ => throw new ArgumentException($"--side '{side}' must be long or short.", "side"),
    };

    private static MarginMode ParseMode(string mode) => mode.Trim().ToLowerInvariant() switch
    {
        "isolated" => MarginMode.Isolated,
        "cross" => MarginMode.Cross,
        _ => throw new ArgumentException($"--mode '{mode}' must be isolated or cross.", "mode"),
    };

    private static LiquidationRule ParseRule(string? rule, Contract contract) => rule?.Trim().ToLowerInvariant() switch
    {
        null or "" => MarginCalc.DefaultRule(contract),
        "binance" => contract.Type == ContractType.Inverse ? LiquidationRule.BinanceCoinM : LiquidationRule.BinanceUsdM,
        "binance-usdm" or "binanceusdm" or "usdm" => LiquidationRule.BinanceUsdM,
        "binance-coinm" or "binancecoinm" or "coinm" => LiquidationRule.BinanceCoinM,
        "bybit" => contract.Type == ContractType.Inverse ? LiquidationRule.BybitInverse : LiquidationRule.BybitLinear,
        "bybit-linear" or "bybitlinear" or "bybit-classic" => LiquidationRule.BybitLinear,
        "bybit-uta" or "bybit-unified" or "bybitlinearunified" => LiquidationRule.BybitLinearUnified,
        "bybit-inverse" or "bybitinverse" => LiquidationRule.BybitInverse,
        "okx" or "gate" or "okx-gate" or "okxgate" => LiquidationRule.OkxGate,
        _ => throw new ArgumentException($"--rule '{rule}' must be binance-usdm, binance-coinm, bybit (linear: MM at entry; inverse: UTA), bybit-uta or okx.", "rule"),
    };

    // ---------------------------------------------------------------- rendering shared by the calculator commands
    internal static void AddSnapshot(Report report, MarginSnapshot s, string title)
    {
        var unit = s.SettlementAsset;
        var k = s.Position.Contract;
        report.Section(title)
            .Fact("Rule", RuleName(s.Rule))
            .Fact("Notional", s.Notional, unit)
            .Fact("Initial margin", s.InitialMargin, unit)
            .Fact("Maintenance margin", s.MaintenanceMargin, unit)
            .Fact("Tier", $"{s.Tier.Tier} (MMR {MarginCommands.Num(s.Tier.MaintenanceMarginRate * 100m)} %, cum {MarginCommands.Num(s.Tier.MaintenanceAmount)}, max {MarginCommands.Num(s.Tier.MaxLeverage)}x)")
            .Fact("Wallet balance", s.WalletBalance, unit)
            .Fact("Margin balance", s.MarginBalance, unit)
            .Fact("Margin ratio", Percent(s.MarginRatio))
            .Fact("Liquidation price", Show.Price(s.LiquidationPrice, k, MidpointRounding.ToZero))
            .Fact("Tier at liquidation", s.LiquidationTier?.Tier)
            .Fact("Bankruptcy price", Show.Price(s.BankruptcyPrice, k))
            .Fact("Distance to liquidation", Percent(s.DistanceToLiquidation))
            .Note(s.LiquidationPrice is null ? "No liquidation price: no positive mark price liquidates this position." : $"Money figures in {unit}; prices in {s.Position.Contract.QuoteAsset}.");
    }

    // A ratio (a distance, a margin ratio, an ROE) shown as a percentage in text and kept as the ratio in --json, as every
    // command does (docs/cli.md); one beyond decimal's range as a percentage (a mark near 1e-28) is an input error naming --mark.
    private static Shown? Percent(decimal? fraction)
    {
        if (fraction is not { } f) return null;
        if (Math.Abs(f) > decimal.MaxValue / 100m)
            throw new ArgumentException("--mark is so far from the liquidation price that the distance does not fit in decimal; give a realistic mark price.", "--mark");
        return Show.Percent(f);
    }

    internal static string Num(decimal d) => d.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);

    internal static string RuleName(LiquidationRule r) => r switch
    {
        LiquidationRule.BinanceUsdM => "Binance USDⓈ-M",
        LiquidationRule.BinanceCoinM => "Binance COIN-M",
        LiquidationRule.BybitLinear => "Bybit linear classic (MM at entry)",
        LiquidationRule.BybitLinearUnified => "Bybit linear (UTA isolated)",
        LiquidationRule.OkxGate => "OKX/Gate (closing fee included)",
        LiquidationRule.BybitInverse => "Bybit inverse (UTA isolated)",
        _ => r.ToString(),
    };
}
