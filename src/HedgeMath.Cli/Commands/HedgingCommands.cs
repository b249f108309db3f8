using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath plan | ladder | rebalance | hedge-ratio</c>: hedge planning commands (no logic: each builds a report from library results).</summary>
internal static class HedgingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return HedgeRatioCommand();
        yield return RebalanceCommand();
    }

    // ---------------------------------------------------------------- hedge-ratio
    private static Command HedgeRatioCommand()
    {
        var spot = new Argument<string>("spot") { Description = "Spot candles: a CSV path (date,open,high,low,close,volume) or an embedded file name such as solusdt_spot_daily.csv." };
        var futures = new Argument<string>("futures") { Description = "Hedge instrument candles: a CSV path or an embedded name such as btcusdt_spot_daily.csv." };
        var basis = Cli.Optional("--basis", "Observations: log (log returns), simple (simple returns), diff (price changes).", "log");
        var window = Cli.Optional("--window", "Observations per window for the out-of-sample test (0: none).", 0);
        var from = Cli.Optional<string?>("--from", "First date used (yyyy-MM-dd), e.g. to skip listing days.", null);
        var to = Cli.Optional<string?>("--to", "Last date used (yyyy-MM-dd).", null);
        var qa = Cli.Optional<decimal?>("--quantity", "Units of spot hedged (QA) for the contract count N* = h*·QA/QF.", null);
        var qf = Cli.Optional<decimal?>("--contract-size", "Units per futures contract (QF); default 1.", null);
        var cmd = new Command("hedge-ratio", "Minimum-variance hedge ratio h* = ρ·σS/σF of one series against another (dates aligned), its effectiveness ρ² and, with --window, an out-of-sample test.");
        cmd.Arguments.Add(spot); cmd.Arguments.Add(futures);
        foreach (var o in new Option[] { basis, window, from, to, qa, qf }) cmd.Options.Add(o);
        return cmd.Handles(pr => BuildHedgeRatio(pr.GetValue(spot)!, pr.GetValue(futures)!, ParseBasis(pr.GetValue(basis)!), pr.GetValue(window),
            ParseDate(pr.GetValue(from), "--from"), ParseDate(pr.GetValue(to), "--to"), pr.GetValue(qa), pr.GetValue(qf)));
    }

    public static Report BuildHedgeRatio(string spotPath, string futuresPath, HedgeRatioBasis basis, int window,
        DateOnly? from, DateOnly? to, decimal? quantity, decimal? contractSize)
    {
        var aligned = AlignedCloses.Create(EmbeddedData.CandlesFromPathOrEmbedded(spotPath), EmbeddedData.CandlesFromPathOrEmbedded(futuresPath));
        if (aligned.Count == 0) throw new ArgumentException($"The two series have no dates in common.", nameof(spotPath));
        if (from is not null || to is not null)
            aligned = aligned.Between(from ?? aligned.Dates[0], to ?? aligned.Dates[^1]);
        if (aligned.Count == 0) throw new ArgumentException("No common dates inside --from/--to.", nameof(from));
        var r = HedgeRatio.MinimumVariance(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), basis);
        var report = new Report($"Minimum-variance hedge ratio: {Path.GetFileName(spotPath)} against {Path.GetFileName(futuresPath)}");
        var s = report.Section("Estimate over the whole span")
            .Fact("First date", aligned.Dates[0]).Fact("Last date", aligned.Dates[^1])
            .Fact("Common dates", aligned.Count).Fact("Gaps (steps > 1 day)", aligned.Gaps)
            .Fact("Basis", basis.ToString()).Fact("Observations", r.Observations)
            .Fact("Hedge ratio h*", r.HedgeRatio).Fact("Correlation ρ", r.Correlation)
            .Fact("Spot volatility σS", r.SpotVolatility, "per observation").Fact("Futures volatility σF", r.FuturesVolatility, "per observation")
            .Fact("Effectiveness ρ²", r.Effectiveness).Fact("Residual (basis) volatility", r.ResidualVolatility, "per observation");
        if (quantity is not null)
        {
            var n = HedgeRatio.OptimalContracts(r.HedgeRatio, quantity.Value, contractSize ?? 1m);
            s.Fact("Contracts N* (exact)", n.Exact).Fact("Contracts N* (rounded)", n.Rounded).Fact("Rounding error", n.RoundingError, "contracts");
        }
        s.Note("h* = ρ·σS/σF = OLS slope of spot changes on futures changes (Hull, Options, Futures and Other Derivatives, §3.4).");
        if (window > 0)
        {
            var t = HedgeRatio.OutOfSample(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), basis, window);
            int priceOffset = basis == HedgeRatioBasis.InputsAreChanges ? 0 : 1;
            var sec = report.Section($"Out of sample: estimate on {window} observations, apply to the next {window}");
            var table = sec.Table(null, "Estimated from", "to", "h*", "Promised ρ²", "Applied from", "to", "Realized", "Hindsight h*", "Hindsight ρ²");
            foreach (var w in t.Windows)
            {
                table.Row(aligned.Dates[w.EstimationStart], aligned.Dates[w.EstimationStart + w.Length - 1 + priceOffset],
                    Round(w.Estimate.HedgeRatio), Round(w.PromisedEffectiveness),
                    aligned.Dates[w.TestStart], aligned.Dates[w.TestStart + w.Length - 1 + priceOffset],
                    Round(w.RealizedEffectiveness), Round(w.HindsightHedgeRatio), Round(w.HindsightEffectiveness));
            }
            sec.Fact("Windows tested", t.Windows.Length)
               .Fact("Mean h*", t.MeanHedgeRatio)
               .Fact("Mean promised ρ²", t.MeanPromisedEffectiveness)
               .Fact("Mean realized variance reduction", t.MeanRealizedEffectiveness)
               .Fact("Pooled realized variance reduction", t.PooledRealizedEffectiveness)
               .Note("Realized = 1 − Var(ΔS − h·ΔF)/Var(ΔS) in the next window with h from the previous one (Ederington 1979).");
        }
        return report;
    }

    // ---------------------------------------------------------------- rebalance
    private static Command RebalanceCommand()
    {
        var targets = new Option<string[]>("--target") { Description = "A bucket target name=weight, with :cash for a stable-value bucket, e.g. core=0.6 satellite=0.2 buffer=0.2:cash (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var holdings = new Option<string[]>("--holding") { Description = "A holding asset:bucket:quantity:price, e.g. BTC:core:0.5:100000 (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var band = Cli.Optional("--band", "Tolerance band: absolute drift per bucket before it counts as outside (0.05 = ±5 pp).", 0.05m);
        var ffee = Cli.Optional("--futures-fee", "Futures fee rate per side (fraction of notional).", 0.0005m);
        var sfee = Cli.Optional("--spot-fee", "Spot fee rate (fraction of traded value).", 0.001m);
        var hedge = Cli.Optional<string?>("--hedge", "Also size \"hedge X %\" of a bucket both ways: bucket=fraction, e.g. core=0.2.", null);
        var cmd = new Command("rebalance", "Weights and drift against allocation targets; the futures hedge that restores the target exposure without selling spot, next to the spot trades that would, with fees.");
        foreach (var o in new Option[] { targets, holdings, band, ffee, sfee, hedge }) cmd.Options.Add(o);
        return cmd.Handles(pr => BuildRebalance(
            pr.GetValue(targets)!.Select(ParseTarget).ToList(), pr.GetValue(band),
            pr.GetValue(holdings)!.Select(ParseHolding).ToList(), pr.GetValue(ffee), pr.GetValue(sfee), pr.GetValue(hedge)));
    }

    public static Report BuildRebalance(IReadOnlyList<BucketTarget> targets, decimal band, IReadOnlyList<AssetHolding> holdings,
        decimal futuresFeeRate, decimal spotFeeRate, string? hedge)
    {
        var allocation = PortfolioAllocation.Analyze(AllocationTargets.Create(targets, band), holdings);
        var report = new Report("Rebalance against allocation targets");
        AddAllocation(report, allocation, futuresFeeRate, spotFeeRate);
        if (hedge is not null)
        {
            var parts = hedge.Split('=');
            if (parts.Length != 2) throw new ArgumentException($"--hedge '{hedge}' must be bucket=fraction.", nameof(hedge));
            AddHedgeFraction(report, allocation, parts[0], ParseDecimal(parts[1], "--hedge"));
        }
        return report;
    }

    internal static void AddAllocation(Report report, PortfolioAllocation allocation, decimal futuresFeeRate, decimal spotFeeRate)
    {
        var drift = report.Section("Weights and drift").Fact("Portfolio value", allocation.PortfolioValue, "USDT")
            .Fact("Tolerance band", allocation.Targets.ToleranceBand);
        var t = drift.Table(null, "Bucket", "Value", "Weight", "Target", "Drift", "Outside band");
        foreach (var b in allocation.Buckets) t.Row(b.Name + (b.IsCash ? " (cash)" : ""), b.Value, b.Weight, b.TargetWeight, b.Drift, b.OutsideBand);

        var plan = allocation.RestoringHedge(futuresFeeRate, spotFeeRate);
        var sec = report.Section("Back to target: futures hedge (spot untouched) or spot trades");
        var tt = sec.Table(null, "Bucket", "Value", "Target value", "Hedge notional", "Hedge side", "Effective exposure", "Spot trade", "Spot fee");
        foreach (var r in plan.Buckets)
            tt.Row(r.Name, r.Value, r.TargetValue, Math.Abs(r.HedgeNotional), r.IsCash ? "-" : r.HedgeNotional > 0 ? "short" : r.HedgeNotional < 0 ? "long" : "none",
                r.EffectiveExposure, r.IsCash ? r.SpotTrade : r.SpotTrade, r.SpotFee);
        sec.Fact("Gross futures notional", plan.GrossHedgeNotional, "USDT")
           .Fact("Futures fees to open", plan.HedgeOpenFees, "USDT")
           .Fact("Futures fees round trip", plan.HedgeRoundTripFees, "USDT")
           .Fact("Gross spot traded", plan.GrossSpotTraded, "USDT")
           .Fact("Spot fees", plan.SpotFees, "USDT")
           .Note("Hedge notional H = value − target·P per risky bucket (short if positive, long if negative); a short's notional counts as synthetic cash.")
           .Note("Spot trade T = target·P − value (positive: buy). Funding on the hedge is not included; see `hedgemath plan`.");
    }

    internal static void AddHedgeFraction(Report report, PortfolioAllocation allocation, string bucket, decimal fraction)
    {
        var sec = report.Section($"\"Hedge {fraction:P0}\" of {bucket}: the two readings");
        var t = sec.Table(null, "Reading", "Notional", "Hedge ratio on holding", "Exposure after", "Exposure weight after", "Net short");
        foreach (var basis in new[] { HedgeFractionBasis.OfHolding, HedgeFractionBasis.OfPortfolio })
        {
            var h = allocation.HedgeFraction(bucket, fraction, basis);
            t.Row(basis == HedgeFractionBasis.OfHolding ? "of the holding" : "of the portfolio", h.Notional, h.HedgeRatio, h.ExposureAfter, h.ExposureWeightAfter, h.ExceedsHolding);
        }
        sec.Note("Of the holding: notional = fraction × bucket value. Of the portfolio: notional = fraction × portfolio value (exposure falls by that many points).");
    }

    // ---------------------------------------------------------------- parsing helpers (text → values; no domain logic)
    internal static HedgeRatioBasis ParseBasis(string s) => s.ToLowerInvariant() switch
    {
        "log" => HedgeRatioBasis.PricesToLogReturns,
        "simple" => HedgeRatioBasis.PricesToSimpleReturns,
        "diff" or "price-changes" => HedgeRatioBasis.PricesToPriceChanges,
        "changes" => HedgeRatioBasis.InputsAreChanges,
        _ => throw new ArgumentException($"--basis '{s}' must be log, simple, diff or changes.", "basis"),
    };

    private static DateOnly? ParseDate(string? s, string option) =>
        s is null ? null
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ArgumentException($"{option} '{s}' must be a date yyyy-MM-dd.", option);

    internal static decimal ParseDecimal(string s, string option) =>
        decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : throw new ArgumentException($"{option}: '{s}' is not a number.", option);

    private static BucketTarget ParseTarget(string s)
    {
        var nameWeight = s.Split('=');
        if (nameWeight.Length != 2) throw new ArgumentException($"--target '{s}' must be name=weight or name=weight:cash.", "target");
        var w = nameWeight[1].Split(':');
        bool cash = w.Length == 2 && w[1].Equals("cash", StringComparison.OrdinalIgnoreCase);
        if (w.Length > 2 || (w.Length == 2 && !cash)) throw new ArgumentException($"--target '{s}' must be name=weight or name=weight:cash.", "target");
        return new BucketTarget(nameWeight[0], ParseDecimal(w[0], "--target"), cash);
    }

    private static AssetHolding ParseHolding(string s)
    {
        var p = s.Split(':');
        if (p.Length != 4) throw new ArgumentException($"--holding '{s}' must be asset:bucket:quantity:price.", "holding");
        return new AssetHolding(p[0], p[1], ParseDecimal(p[2], "--holding"), ParseDecimal(p[3], "--holding"));
    }

    private static double Round(double x) => Math.Round(x, 4);
}
