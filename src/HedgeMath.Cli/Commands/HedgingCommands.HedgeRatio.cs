using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath hedge-ratio</c>: its options and handler, its parsing, its rendering.</summary>
internal static partial class HedgingCommands
{
    // ---------------------------------------------------------------- hedge-ratio: options and handler
    private static Command HedgeRatioCommand()
    {
        var spot = new Argument<string>("spot") { Description = "Spot candles: a CSV path (date,open,high,low,close,volume) or an embedded file name such as solusdt_spot_daily.csv." };
        var futures = new Argument<string>("futures") { Description = "Hedge instrument candles: a CSV path or an embedded name such as btcusdt_spot_daily.csv." };
        var basis = Cli.Optional("--basis", "Observations: log (log returns), simple (simple returns), diff (price changes).", "log");
        var window = Cli.Optional("--window", "Observations per window for the out-of-sample test (0: none).", 0);
        var step = Cli.Optional<int?>("--step", "Observations between successive estimation windows (default: the window, no overlap).", null);
        var from = Cli.Optional<string?>("--from", "First date used (yyyy-MM-dd), e.g. to skip listing days.", null);
        var to = Cli.Optional<string?>("--to", "Last date used (yyyy-MM-dd).", null);
        var qa = Cli.Optional<decimal?>("--quantity", "Units of spot hedged (QA) for the contract count N* = h*·QA/QF.", null);
        var qf = Cli.Optional<decimal?>("--contract-size", "Units per futures contract (QF); default 1.", null);
        var cmd = new Command("hedge-ratio", "Minimum-variance hedge ratio h* = ρ·σS/σF of one series against another (dates aligned), its effectiveness ρ² and, with --window, an out-of-sample test.");
        cmd.Arguments.Add(spot); cmd.Arguments.Add(futures);
        foreach (var o in new Option[] { basis, window, step, from, to, qa, qf }) cmd.Options.Add(o);
        return cmd.Handles(pr => BuildHedgeRatio(pr.GetValue(spot)!, pr.GetValue(futures)!, ParseBasis(pr.GetValue(basis)!), pr.GetValue(window), pr.GetValue(step),
            ParseDate(pr.GetValue(from), "--from"), ParseDate(pr.GetValue(to), "--to"), pr.GetValue(qa), pr.GetValue(qf)));
    }

    // ---------------------------------------------------------------- hedge-ratio: parsing
    internal static HedgeRatioBasis ParseBasis(string s) => s.ToLowerInvariant() switch
    {
        "log" => HedgeRatioBasis.PricesToLogReturns,
        "simple" => HedgeRatioBasis.PricesToSimpleReturns,
        "diff" or "price-changes" => HedgeRatioBasis.PricesToPriceChanges,
        "changes" => HedgeRatioBasis.InputsAreChanges,
        _ => throw new ArgumentException($"--basis '{s}' must be log, simple, diff or changes.", "basis"),
    };

    // ---------------------------------------------------------------- hedge-ratio: rendering
    public static Report BuildHedgeRatio(string spotPath, string futuresPath, HedgeRatioBasis basis, int window, int? step,
        DateOnly? from, DateOnly? to, decimal? quantity, decimal? contractSize)
    {
        if (window < 0) throw new ArgumentException(FormattableString.Invariant($"--window must be 0 (no out-of-sample test) or a positive number of observations; got {window}."), "--window");
        if (step is <= 0) throw new ArgumentException(FormattableString.Invariant($"--step must be at least 1; got {step}."), "--step");
        var aligned = AlignedCloses.Create(EmbeddedData.CandlesFromPathOrEmbedded(spotPath, "spot"), EmbeddedData.CandlesFromPathOrEmbedded(futuresPath, "futures"));
        if (aligned.Count == 0) throw new ArgumentException($"The two series have no dates in common.", nameof(spotPath));
        if (from is not null || to is not null)
            aligned = aligned.Between(from ?? aligned.Dates[0], to ?? aligned.Dates[^1]);
        if (aligned.Count == 0) throw new ArgumentException("No common dates inside --from/--to.", nameof(from));
        if (step is { } sMax && sMax > aligned.Count)
            throw new ArgumentException(FormattableString.Invariant($"--step must be at most the {aligned.Count} common dates; got {sMax}."), "--step");
        var r = HedgeRatio.MinimumVariance(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), basis);
        var report = new Report($"Minimum-variance hedge ratio: {Path.GetFileName(spotPath)} against {Path.GetFileName(futuresPath)}");
        var s = report.Section("Estimate over the whole span")
            .Fact("First date", aligned.Dates[0]).Fact("Last date", aligned.Dates[^1])
            .Fact("Common dates", aligned.Count).Fact("Gaps (steps > 1 day)", aligned.Gaps)
            .Fact("Basis", basis.ToString()).Fact("Observations", r.Observations)
            .Fact("Hedge ratio", Show.Number(r.HedgeRatio, 4)).Fact("Correlation", Show.Number(r.Correlation, 4))
            .Fact("Spot volatility", Vol(r.SpotVolatility), "per observation").Fact("Futures volatility", Vol(r.FuturesVolatility), "per observation")
            .Fact("Effectiveness", Show.Percent(r.Effectiveness)).Fact("Residual (basis) volatility", Vol(r.ResidualVolatility), "per observation");
        if (quantity is not null)
        {
            var n = HedgeRatio.OptimalContracts(r.HedgeRatio, quantity.Value, contractSize ?? 1m);
            s.Fact("Contracts (exact)", n.Exact).Fact("Contracts (rounded)", n.Rounded).Fact("Rounding error", n.Rounded - n.Exact, "contracts");
        }
        if (basis == HedgeRatioBasis.PricesToLogReturns && double.IsFinite(r.HedgeRatio) && double.IsFinite(r.Correlation) && double.IsFinite(r.SpotVolatility))
            s.Fact("For plan --hedge-estimate", FormattableString.Invariant($"{r.HedgeRatio:0.####}:{r.Correlation:0.####}:{r.SpotVolatility:0.####}"));
        s.Note("Effectiveness = ρ², the share of spot variance the hedge removes in sample. Contracts N* = h*·QA/QF.");
        s.Note("h* = ρ·σS/σF = OLS slope of spot changes on futures changes (Hull, Options, Futures and Other Derivatives, §3.4).");
        if (window > 0)
        {
            var t = HedgeRatio.OutOfSample(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), basis, window, step);
            int priceOffset = basis == HedgeRatioBasis.InputsAreChanges ? 0 : 1;
            var sec = report.Section($"Out of sample: estimate on {window} observations, apply to the next {window}" + (step is { } st ? $", every {st}" : ""));
            var table = sec.Table(null, "Estimated from", "Estimated to", "Hedge ratio", "Promised", "Applied from", "Applied to", "Realized", "Hindsight ratio", "Hindsight best");
            foreach (var w in t.Windows)
            {
                table.Row(aligned.Dates[w.EstimationStart], aligned.Dates[w.EstimationStart + t.Window - 1 + priceOffset],
                    Show.Number(w.Estimate.HedgeRatio, 4), Show.Percent(w.Estimate.Effectiveness),
                    aligned.Dates[w.TestStart], aligned.Dates[w.TestStart + t.Window - 1 + priceOffset],
                    Show.Percent(w.RealizedEffectiveness), Show.Number(w.Hindsight.HedgeRatio, 4), Show.Percent(w.Hindsight.Effectiveness));
            }
            sec.Fact("Windows tested", t.Windows.Length)
               .Fact("Mean hedge ratio", Show.Number(t.MeanHedgeRatio, 4))
               .Fact("Mean promised effectiveness", Show.Percent(t.MeanPromisedEffectiveness))
               .Fact("Mean realized variance reduction", Show.Percent(t.MeanRealizedEffectiveness))
               .Fact("Pooled realized variance reduction", Show.Percent(t.PooledRealizedEffectiveness))
               .Note("Promised = in-sample effectiveness ρ² of the estimation window; Realized = 1 − Var(ΔS − h·ΔF)/Var(ΔS) in the next window with h from the previous one (Ederington 1979).")
               .Note("Hindsight ratio/best = the ratio and ρ² the applied window itself would have given (the most any constant ratio could remove there).");
        }
        return report;

        // A volatility of returns is a ratio (a percentage); of price changes (--basis diff) it is in price units.
        object? Vol(double v) => basis is HedgeRatioBasis.PricesToLogReturns or HedgeRatioBasis.PricesToSimpleReturns ? Show.Percent(v) : Show.Number(v, 6);
    }
}
