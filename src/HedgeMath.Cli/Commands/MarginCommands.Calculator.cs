using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath pnl</c>, <c>target-price</c>, <c>max-open</c>, <c>breakeven</c>: the futures calculator, each an options-and-handler piece over one library call.</summary>
internal static partial class MarginCommands
{
    // ---------------------------------------------------------------- pnl, target-price, max-open, breakeven: options and handlers
    private static Command PnlCommand()
    {
        var cmd = new Command("pnl", "Profit of a trade from entry to exit: gross PnL, fees, funding, net, return on margin.");
        var symbol = SymbolOption(); var side = SideOption(); var qty = SizeOption(); var entry = EntryOption(); var leverage = LeverageOption();
        var exit = Cli.Required<decimal>("--exit", "Exit price.");
        var funding = Cli.Optional("--funding-amount", "Funding over the holding period as a cash flow (+ received, − paid), in the settlement asset.", 0m);
        var makerOpen = Cli.Optional("--maker-open", "Maker rate on the open (default taker).", false);
        var makerClose = Cli.Optional("--maker-close", "Maker rate on the close (default taker).", false);
        foreach (var opt in new Option[] { symbol, side, qty, entry, leverage, exit, funding, makerOpen, makerClose }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var p = Position.Open(contract, ParseSide(pr.GetValue(side)!), pr.GetValue(qty), pr.GetValue(entry), pr.GetValue(leverage));
            var x = pr.GetValue(exit);
            bool mkOpen = pr.GetValue(makerOpen), mkClose = pr.GetValue(makerClose);
            var gross = p.UnrealizedPnl(x);
            var fees = Fees.RoundTrip(contract, p.Quantity, p.EntryPrice, x, mkOpen, mkClose);
            var f = pr.GetValue(funding);
            var net = p.NetPnl(x, f, mkOpen, mkClose);
            var unit = contract.SettlementAsset;
            var report = new Report($"PnL: {p} → {x}");
            report.Section("Result")
                .Fact("Initial margin", p.InitialMargin(), unit)
                .Fact("Gross PnL", gross, unit)
                .Fact("Fees (open + close)", fees, unit)
                .Fact("Funding", f, unit)
                .Fact("Net PnL", net, unit)
                .Fact("ROE (Binance calculator)", Show.Percent(p.ReturnOnInitialMargin(x)))
                .Fact("Net return on initial margin", Show.Percent(p.NetReturnOnInitialMargin(x, f, mkOpen, mkClose)))
                .Note("ROE = PnL / initial margin at entry (Binance futures calculator); open fee at the " + (mkOpen ? "maker" : "taker")
                    + " rate, close fee at the " + (mkClose ? "maker" : "taker") + " rate.");
            return report;
        });
    }

    private static Command TargetPriceCommand()
    {
        var cmd = new Command("target-price", "Exit price that reaches a target return on margin (Binance calculator 'Target Price').");
        var symbol = SymbolOption(); var side = SideOption(); var entry = EntryOption(); var leverage = LeverageOption();
        var roe = Cli.Required<decimal>("--roe", "Target return on initial margin in percent (50 = +50 %, −20 = −20 %).");
        foreach (var opt in new Option[] { symbol, side, entry, leverage, roe }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var p = Position.Open(contract, ParseSide(pr.GetValue(side)!), contract.LotStep, pr.GetValue(entry), pr.GetValue(leverage));
            var target = p.TargetPrice(pr.GetValue(roe) / 100m);
            var report = new Report($"Target price: {p.Side} {contract.Symbol} @ {p.EntryPrice} {p.Leverage}x for {pr.GetValue(roe)} %");
            report.Section("Result")
                .Fact("Target price", Show.Price(target, contract))
                .Fact("Target price (tick)", Show.Price(contract.RoundPrice(target), contract))
                .Fact("Move from entry", Show.Percent(p.MoveFromEntry(target)))
                .Note(contract.Type == ContractType.Linear
                    ? "Linear: entry · (1 + side · ROE / leverage)."
                    : "Inverse: entry / (1 − side · ROE / leverage).");
            return report;
        });
    }

    private static Command MaxOpenCommand()
    {
        var cmd = new Command("max-open", "Largest position a balance can open at a leverage within the tier limits.");
        var symbol = SymbolOption(); var entry = EntryOption(); var leverage = LeverageOption();
        var balance = Cli.Required<decimal>("--balance", "Available balance in the settlement asset (USDT, or BTC for BTCUSD).");
        var reserve = Cli.Optional("--reserve-fee", "Keep the taker fee of the open out of the balance.", false);
        foreach (var opt in new Option[] { symbol, entry, leverage, balance, reserve }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var r = MarginCalc.MaxOpenQuantity(contract, pr.GetValue(balance), pr.GetValue(entry), pr.GetValue(leverage), pr.GetValue(reserve));
            var report = new Report($"Max open: {contract.Symbol} at {pr.GetValue(leverage)}x with {pr.GetValue(balance)} {contract.SettlementAsset}");
            report.Section("Result")
                .Fact("Quantity", Show.Quantity(r.Quantity, contract), contract.Type == ContractType.Linear && contract.ContractSize == 1m ? contract.BaseAsset : "contracts")
                .Fact("Notional", r.Notional, r.SettlementAsset)
                .Fact("Initial margin", r.InitialMargin, r.SettlementAsset)
                .Fact("Open fee (taker)", r.OpenFee, r.SettlementAsset)
                .Fact("Limited by", r.LimitedByTier ? "tier cap for this leverage" : "balance");
            return report;
        });
    }

    private static Command BreakevenCommand()
    {
        var cmd = new Command("breakeven", "Exit price at which a trade breaks even after open and close fees.");
        var symbol = SymbolOption(); var side = SideOption(); var entry = EntryOption();
        var makerOpen = Cli.Optional("--maker-open", "Maker rate on the open (default taker).", false);
        var makerClose = Cli.Optional("--maker-close", "Maker rate on the close (default taker).", false);
        foreach (var opt in new Option[] { symbol, side, entry, makerOpen, makerClose }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var p = Position.Open(contract, ParseSide(pr.GetValue(side)!), contract.LotStep, pr.GetValue(entry), 1m);
            var be = Fees.BreakevenPrice(p, pr.GetValue(makerOpen), pr.GetValue(makerClose));
            var report = new Report($"Breakeven: {p.Side} {contract.Symbol} @ {p.EntryPrice}");
            report.Section("Result")
                .Fact("Breakeven price", Show.Price(be, contract, p.Side == Side.Long ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity))
                .Fact("Breakeven price (tick, safe side)", Show.Price(contract.RoundPrice(be, p.Side == Side.Long ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity), contract))
                .Fact("Move from entry", Show.Percent(p.MoveFromEntry(be)))
                .Fact("Open fee rate", Show.Rate(pr.GetValue(makerOpen) ? contract.MakerFeeRate : contract.TakerFeeRate))
                .Fact("Close fee rate", Show.Rate(pr.GetValue(makerClose) ? contract.MakerFeeRate : contract.TakerFeeRate));
            return report;
        });
    }
}
