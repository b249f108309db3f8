using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The candle and funding files of a saved plan's run, per asset: <c>--candles FILE</c> (the plan's first asset) or
/// <c>--candles ASSET=FILE</c>, repeated for a plan over several assets (a cross leg's contract's asset too: BTC for SOL
/// hedged with BTCUSDT), likewise <c>--funding-csv</c>; and the histories aligned on the bars every asset has.
/// </summary>
internal static class PlanMarketFiles
{
    /// <summary>The repeatable <c>--candles</c> option.</summary>
    public static Option<string[]> CandlesOption(string description, bool required) => new("--candles")
    {
        Description = description + " Repeat as --candles ASSET=FILE for a plan over several assets (each asset the plan holds, and a cross leg's contract's asset); a plain FILE is the plan's first asset's.",
        Required = required, AllowMultipleArgumentsPerToken = false, Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };

    /// <summary>The repeatable <c>--funding-csv</c> option.</summary>
    public static Option<string[]> FundingOption() => new("--funding-csv")
    {
        Description = "Funding CSV (path or embedded name, e.g. btcusdt_funding_8h.csv): each print is paid in the bar whose [open, close) holds its time; "
            + "--funding-csv ASSET=FILE (repeatable) for the perpetual of one asset of a plan over several assets (a plain FILE is the first asset's). Default: no funding.",
        AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Splits <c>ASSET=FILE</c> (an asset of letters and digits before the first '='); a plain file is the plan's first asset's.</summary>
    public static ImmutableArray<(string Asset, string File)> Split(PlanDefinition plan, IEnumerable<string>? values, string option)
    {
        var result = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var v in values ?? [])
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            bool named = eq > 0 && v[..eq].All(char.IsAsciiLetterOrDigit);
            string asset = named ? v[..eq] : plan.Asset, file = named ? v[(eq + 1)..] : v;
            int k = plan.Assets.IndexOf(plan.Assets.FirstOrDefault(a => string.Equals(a, asset, StringComparison.OrdinalIgnoreCase)) ?? "");
            if (k < 0)
                throw new ArgumentException($"{option} {v}: {asset} is not one of the plan's assets ({string.Join(", ", plan.Assets)}).", option);
            if (result.Any(x => string.Equals(x.Item1, plan.Assets[k], StringComparison.Ordinal)))
                throw new ArgumentException($"{option}: {plan.Assets[k]} is given twice (a plain FILE is {plan.Asset}'s).", option);
            if (file.Length == 0) throw new ArgumentException($"{option} {v}: give a file after '='.", option);
            result.Add((plan.Assets[k], file));
        }
        return result.ToImmutable();
    }

    /// <summary>Each plan asset's candles, in <see cref="PlanDefinition.Assets"/>' order; every asset needs one.</summary>
    public static ImmutableArray<ImmutableArray<Candle>> Candles(PlanDefinition plan, IEnumerable<string>? values, string option = "--candles")
    {
        var given = Split(plan, values, option);
        var result = ImmutableArray.CreateBuilder<ImmutableArray<Candle>>(plan.Assets.Length);
        foreach (var asset in plan.Assets)
        {
            var hit = given.Where(g => g.Asset == asset).Select(g => g.File).FirstOrDefault();
            if (hit is null)
                throw new ArgumentException(plan.IsMultiAssetPlan()
                    ? $"{option}: the plan runs on {string.Join(", ", plan.Assets)}; give {option} {asset}=FILE for {asset}."
                    : $"{option}: give the candles of {asset}.", option);
            result.Add(EmbeddedData.CandlesFromPathOrEmbedded(hit, plan.IsMultiAssetPlan() ? $"{option} {asset}" : option));
        }
        return result.MoveToImmutable();
    }

    /// <summary>Each plan asset's funding prints (null where none was given), in <see cref="PlanDefinition.Assets"/>' order.</summary>
    public static ImmutableArray<ImmutableArray<FundingEvent>?> Funding(PlanDefinition plan, IEnumerable<string>? values, string option = "--funding-csv")
    {
        var given = Split(plan, values, option);
        return [.. plan.Assets.Select(a => given.Where(g => g.Asset == a)
            .Select(g => (ImmutableArray<FundingEvent>?)EmbeddedData.FundingFromPathOrEmbedded(g.File, plan.IsMultiAssetPlan() ? $"{option} {a}" : option)).FirstOrDefault())];
    }

    /// <summary>
    /// Each asset's history over the days every asset's candles cover (narrowed by <paramref name="from"/> and
    /// <paramref name="to"/>), the candles as spot, mark and last prices; a gap or a misaligned series is an error naming
    /// the option and the asset.
    /// </summary>
    public static Dictionary<string, MarketHistory> Histories(PlanDefinition plan, ImmutableArray<ImmutableArray<Candle>> candles,
        ImmutableArray<ImmutableArray<FundingEvent>?> funding, DateOnly? from, DateOnly? to)
    {
        var first = candles.Max(c => c[0].Date);
        var last = candles.Min(c => DateOnly.FromDateTime((c[^1].CloseTime - c[^1].Interval).UtcDateTime));
        if (last < first)
            throw new ArgumentException(FormattableString.Invariant($"--candles: the assets' candles share no day ({string.Join("; ", plan.Assets.Select((a, k) => $"{a} {candles[k][0].Date:yyyy-MM-dd} .. {candles[k][^1].Date:yyyy-MM-dd}"))})."), "--candles");
        var result = new Dictionary<string, MarketHistory>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < plan.Assets.Length; k++)
        {
            string asset = plan.Assets[k];
            var bars = candles[k];
            var prints = funding[k] ?? NoFunding(bars);
            try { result[asset] = MarketHistory.Align(bars, bars, prints, from ?? first, to ?? last); }
            catch (ArgumentException e)
            {
                string option = e.ParamName switch { "from" => "--from", "to" => "--to", "funding" when funding[k] is not null => "--funding-csv", _ => "--candles" };
                throw new ArgumentException($"{option} {asset}: {Cli.OneLine(e.Message)}", option, e);
            }
        }
        var times = result[plan.Assets[0]].Times;
        for (int k = 1; k < plan.Assets.Length; k++)
        {
            var other = result[plan.Assets[k]].Times;
            if (!other.SequenceEqual(times))
                throw new ArgumentException(FormattableString.Invariant(
                    $"--candles {plan.Assets[k]}: its bars ({other.Length}, from {other[0]:yyyy-MM-ddTHH:mm}Z) are not {plan.Assets[0]}'s ({times.Length}, from {times[0]:yyyy-MM-ddTHH:mm}Z): give candles of one interval opening at the same times."), "--candles");
        }
        return result;
    }

    /// <summary>Zero-rate prints on every day the candles cover: a history without funding (no bar gets a print).</summary>
    public static ImmutableArray<FundingEvent> NoFunding(ImmutableArray<Candle> candles)
    {
        var b = ImmutableArray.CreateBuilder<FundingEvent>();
        for (var d = candles[0].Date; d <= DateOnly.FromDateTime(candles[^1].CloseTime.UtcDateTime); d = d.AddDays(1))
            b.Add(new FundingEvent(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), 0m));
        return b.ToImmutable();
    }

    /// <summary>Whether the plan runs on more than one asset's prices.</summary>
    public static bool IsMultiAssetPlan(this PlanDefinition plan) => plan.Assets.Length > 1;
}
