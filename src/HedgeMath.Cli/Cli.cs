using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HedgeMath.Cli.Output;

namespace HedgeMath.Cli;

/// <summary>Options and helpers every subcommand shares.</summary>
internal static class Cli
{
    /// <summary>Exit code of an input error (a bad option value, a missing file).</summary>
    public const int InputError = 2;

    /// <summary>Exit code of an error the CLI did not foresee (still one line, never a stack trace).</summary>
    public const int InternalError = 70;

    /// <summary>The <c>--json</c> convention: every subcommand prints one JSON document instead of tables.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of tables.",
        Recursive = true,
    };

    /// <summary>
    /// The <c>--exchange</c> convention: every command that takes a contract (<c>--symbol</c>) looks it up in the library's
    /// contract catalog on this exchange (see <c>hedgemath contracts</c>).
    /// </summary>
    public static readonly Option<string> Exchange = new("--exchange")
    {
        Description = "Exchange of the --symbol contract in the catalog: binance-usdm (default), binance-coinm, bybit-linear, bybit-inverse, okx-swap (list: hedgemath contracts).",
        Recursive = true,
        DefaultValueFactory = _ => "binance-usdm",
    };

    /// <summary>Sets a command's action to build a report and print it (as text or JSON).</summary>
    public static Command Handles(this Command command, Func<ParseResult, Report> build)
    {
        command.SetAction(pr =>
        {
            try
            {
                var report = build(pr);
                report.Write(pr.InvocationConfiguration.Output, pr.GetValue(Json));
                return 0;
            }
            catch (OverflowException ex) when (LargestNumber(pr) is { } largest)
            {
                // Arithmetic on the values given left decimal's range (the library rejects its own inputs; this is the
                // CLI's own sums): an input error, blamed on the largest number given.
                WriteError(pr.InvocationConfiguration, pr.GetValue(Json), largest,
                    $"{largest} is too large: the calculation overflows decimal (about ±7.9e28) ({OneLine(ex.Message)})");
                return InputError;
            }
            catch (Exception ex)
            {
                bool input = ex is ArgumentException or FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException;
                var option = input ? OptionFor(command, ex) : null;
                if (input && option is null && ex is ArgumentException { ParamName: { } unmapped })
                    UnmappedParameters.TryAdd($"{command.Name}: {unmapped}", OneLine(ex.Message));
                string message = input ? OneLine(ex.Message) : $"internal error ({ex.GetType().Name}): {OneLine(ex.Message)}";
                WriteError(pr.InvocationConfiguration, pr.GetValue(Json), option, message);
                return input ? InputError : InternalError;
            }
        });
        return command;
    }

    /// <summary>
    /// Parameter names an input error carried that <see cref="OptionFor"/> could not turn into an option of its command
    /// (<c>command: parameter</c> → the message): a gap in <see cref="LibraryNames"/>. The CLI fuzz keeps it empty.
    /// </summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> UnmappedParameters = new(StringComparer.Ordinal);

    /// <summary>The numeric option given with the largest magnitude on the command line, or null when none was given.</summary>
    private static string? LargestNumber(ParseResult pr)
    {
        string? best = null;
        decimal most = -1m;
        foreach (var o in pr.CommandResult.Children.OfType<OptionResult>())
        {
            if (o.Implicit) continue;
            foreach (var token in o.Tokens)
            {
                if (TryParseDecimal(token.Value, out var v) && Math.Abs(v) > most) { most = Math.Abs(v); best = o.Option.Name; }
            }
        }
        return best;
    }

    /// <summary>
    /// Writes one error: a single line <c>error: --option: message</c> on the error writer, or with <c>--json</c> one
    /// JSON document <c>{"error": {"message", "option"}}</c> on the output writer.
    /// </summary>
    public static void WriteError(InvocationConfiguration config, bool json, string? option, string message)
    {
        if (option is not null && !message.Contains(option, StringComparison.Ordinal)) message = $"{option}: {message}";
        if (json)
        {
            var doc = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["option"] = option } };
            config.Output.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            config.Error.WriteLine($"error: {message}");
        }
    }

    /// <summary>The first line of a message without .NET's "(Parameter 'x')" suffix.</summary>
    public static string OneLine(string message)
    {
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var line = message.ReplaceLineEndings("\n").Split('\n')[0];
        return line.Trim();
    }

    /// <summary>
    /// The one table from the library's names to the CLI's options: a parameter name (or an init property's name) the
    /// library puts in an <see cref="ArgumentException.ParamName"/> (or, as <c>options.Property</c>, a property of an options
    /// record the message names when the parameter is <c>options</c>), and the options that carry it, the first one a command has
    /// winning. A name that is already an option (<c>leverage</c> → <c>--leverage</c>, <c>stopDistance</c> →
    /// <c>--stop-distance</c>) needs no entry: <see cref="OptionFor"/> matches it by spelling. Tests keep the table honest:
    /// every name is a parameter or options property of the public library, every option one a command has, and every
    /// parameter a command's bad input surfaces resolves to an option of that command.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string[]> LibraryNames = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        // Quantities. A position's quantity is --size; target-price and breakeven price one lot step, so there the notional
        // a quantity error is about is set by --entry, the one option they have that moves it.
        ["quantity"] = ["--quantity", "--size", "--entry"], ["spotQuantity"] = ["--quantity"], ["holding"] = ["--quantity"], ["crypto"] = ["--quantity"],
        ["hedgedQuantity"] = ["--quantity"],
        ["plannedQuantity"] = ["--planned"], ["sellQuantity"] = ["--sell"], ["targetExposure"] = ["--target-quantity"],
        ["contractQuantity"] = ["--contract-size"],
        // Prices.
        ["decisionPrice"] = ["--price"], ["price"] = ["--price", "--entry", "--exit", "--close-at", "--at"], ["entryPrice"] = ["--entry", "--price"],
        ["markPrice"] = ["--mark", "--exit", "--entry", "--price"], ["exitPrice"] = ["--exit"],
        ["spotPrice"] = ["--at", "--price"], ["lowerPrice"] = ["--fall-to"], ["higherPrice"] = ["--rise-to"], ["stopPrice"] = ["--stop"],
        ["averageCost"] = ["--cost"], ["costBasis"] = ["--cost"],
        // Ratios, leverage, stops.
        ["hedgeRatio"] = ["--ratio"], ["hedgeRatios"] = ["--ratios"],
        ["stop"] = ["--stop", "--max-cost"], ["amount"] = ["--max-cost"], ["targetCryptoWeight"] = ["--target-weight"],
        ["reversalMove"] = ["--reversal"], ["returnOnMargin"] = ["--roe"],
        // Funding and fees.
        ["fundingRatePerInterval"] = ["--funding-rate"], ["ratePerInterval"] = ["--funding-rate"], ["rate"] = ["--funding-rate"],
        ["funding"] = ["--funding-amount"], ["spotFeeRate"] = ["--spot-fee"], ["futuresFeeRate"] = ["--futures-fee"],
        // Grids, paths, windows, time.
        ["count"] = ["--moves"], ["priceMoves"] = ["--moves", "--from-move", "--to-move"], ["from"] = ["--from-move", "--from"], ["to"] = ["--to-move", "--to"],
        ["steps"] = ["--days"], ["holdingDays"] = ["--days"], ["holdingPeriodDays"] = ["--days"], ["elapsed"] = ["--remove-after-days"],
        ["blockLength"] = ["--block"], ["annualVolatility"] = ["--vol"], ["annualDrift"] = ["--drift"], ["rehedgeEveryDays"] = ["--rehedge"],
        // Money held, margin.
        ["walletBalance"] = ["--margin", "--balance"], ["isolatedMargin"] = ["--margin"],
        // Ladders, allocation, signals, contracts.
        ["targets"] = ["--target", "--bucket"], ["entries"] = ["--rung"], ["toleranceBand"] = ["--band"], ["holdings"] = ["--holding"],
        ["instruments"] = ["--instrument"],
        ["signalName"] = ["--remove-on-signal"], ["RsiOverbought"] = ["--overbought"], ["RsiExtreme"] = ["--extreme"], ["RsiOversold"] = ["--oversold"],
        ["contract"] = ["--symbol"],
        // An options record (HedgePlanOptions, SignalOptions): the property its message names, else the record's options in this order.
        ["options.HoldingPeriodDays"] = ["--days"], ["options.FundingRatePerInterval"] = ["--funding-rate"], ["options.FuturesPrice"] = ["--futures-price"],
        ["options.LeverageCap"] = ["--cap"], ["options.PreviousHedge.BaseQuantity"] = ["--previous-quantity"],
        ["options.PreviousHedge.StopDistance"] = ["--previous-stop-distance"], ["options.PreviousHedge"] = ["--previous-leverage"], ["options.RsiExtreme"] = ["--extreme"], ["options.RsiOverbought"] = ["--overbought"], ["options.RsiOversold"] = ["--oversold"],
        ["options"] = ["--cap", "--futures-price", "--funding-rate", "--days"],
    };

    /// <summary>
    /// Option spellings retired when the commands moved to one vocabulary (docs/cli.md): the old spelling, the commands
    /// it was used by, and the option that replaces it there. A command line that still uses one is rejected with a hint
    /// naming the new option (exit code 2), never silently reinterpreted.
    /// </summary>
    public static readonly (string Old, string[] Commands, string New, string Meaning)[] RenamedOptions =
    [
        ("--qty", ["scenarios", "simulate", "backtest"], "--quantity", "the spot held, one name in every command"),
        ("--qty", ["margin", "liquidation", "pnl"], "--size", "a futures position's size in the contract's quantity unit; --quantity is the spot held"),
        ("--quantity", ["margin", "liquidation", "pnl"], "--size", "a futures position's size in the contract's quantity unit; --quantity is the spot held"),
        ("--funding", ["scenarios"], "--funding-rate", "a funding rate per interval"),
        ("--funding", ["pnl"], "--funding-amount", "a funding cash flow"),
        ("--stop", ["scenarios", "simulate", "backtest"], "--stop-distance", "a stop as a fraction above entry; --stop is always a price"),
        ("--funding-file", ["plan"], "--funding-csv", "a funding CSV"),
        ("--mark", ["backtest"], "--mark-source", "where mark prices come from (spot or last); --mark is always a price"),
        ("--target", ["buyback"], "--target-quantity", "the exposure wanted in coins"),
        ("--target", ["rebalance"], "--bucket", "a bucket and its target weight, name=weight[:cash]; --target is a ladder's price:fraction"),
        ("--maker", ["pnl"], "--maker-open", "the maker rate per fill, --maker-open and --maker-close, as in breakeven"),
        ("--csv", ["risk"], "--positions-csv", "the positions file; --csv is a candles file"),
        ("--entry", ["ladder in"], "--rung", "a scale-in rung price:quantity[:stop]; --entry is always an entry price"),
        ("--dir", ["contracts refresh"], "--overlays", "the contract overlay directory, as contracts and positions import name it"),
    ];

    /// <summary>
    /// Old names kept for one release as aliases of the option that replaced them, where only the name changed and the
    /// meaning did not (docs/cli.md): the alias, the commands (paths: <c>signals scan</c>) whose option carries it, and
    /// that option. A command line that uses one runs as with the new name and writes one warning line naming it on the
    /// error writer (standard output, JSON or not, is unchanged). The next release removes them (then they are retired
    /// spellings, <see cref="RenamedOptions"/>).
    /// </summary>
    public static readonly (string Alias, string[] Commands, string Option)[] DeprecatedAliases =
    [
        ("--csv", ["signals", "signals scan"], "--candles"),
        ("--spot-csv", ["simulate", "backtest"], "--spot-candles"),
        ("--perp-csv", ["simulate", "backtest"], "--perp-candles"),
    ];

    /// <summary>The warning for a deprecated alias (<see cref="DeprecatedAliases"/>) used as <paramref name="token"/> with
    /// <paramref name="command"/> (its path), or null.</summary>
    public static string? DeprecatedAliasWarning(string command, string token)
    {
        foreach (var (alias, commands, option) in DeprecatedAliases)
        {
            if (token == alias && commands.Contains(command, StringComparer.Ordinal))
                return $"warning: {alias} is deprecated in '{command}' and goes in the next release: use {option} (same meaning; see docs/cli.md).";
        }
        return null;
    }

    /// <summary>
    /// The option that replaced a retired spelling used with <paramref name="command"/> (its path: <c>risk</c>,
    /// <c>ladder in</c>; see <see cref="RenamedOptions"/>) and the one-line hint naming it, or null. <paramref name="token"/>
    /// may carry a value after '=' or ':'.
    /// </summary>
    public static (string Option, string Message)? RenamedOptionHint(string command, string token)
    {
        int cut = token.IndexOfAny(['=', ':']);
        string name = cut > 0 ? token[..cut] : token;
        foreach (var (old, commands, replacement, meaning) in RenamedOptions)
        {
            if (name == old && commands.Contains(command, StringComparer.Ordinal))
                return (replacement, $"{old} is no longer an option of '{command}': use {replacement} ({meaning}; see docs/cli.md).");
        }
        return null;
    }

    /// <summary>The option of <paramref name="command"/> an exception is about, from its ParamName, or null.</summary>
    public static string? OptionFor(Command command, Exception ex)
    {
        var names = command.Options.Select(o => o.Name).Concat(command.Arguments.Select(a => a.Name)).ToList();
        string? param = (ex as ArgumentException)?.ParamName ?? (ex as FileNotFoundException)?.FileName;
        if (param is null) return null;
        if (param == "options")
        {
            // An options record: the message names the property (or a tuple property's element: PreviousHedge.BaseQuantity, listed
            // before PreviousHedge), and each has its option; the table's first name the message holds wins.
            foreach (var (key, opts) in LibraryNames)
                if (key.StartsWith("options.", StringComparison.Ordinal) && ex.Message.Contains(key["options.".Length..], StringComparison.Ordinal)
                    && opts.FirstOrDefault(names.Contains) is { } opt) return opt;
        }
        if (names.Contains(param)) return param;
        if (names.Contains("--" + param)) return "--" + param;
        if (LibraryNames.TryGetValue(param, out var candidates))
        {
            foreach (var c in candidates) if (names.Contains(c)) return c;
        }
        string p = Normalize(param);
        foreach (var n in names) if (Normalize(n) == p) return n;
        return null;
    }

    private static string Normalize(string name) => name.TrimStart('-').Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>
    /// Gives every decimal/double option of the tree one parser: invariant culture, a plain or exponent number, no
    /// thousands separators ("1,5" is an error, not 15) and nothing that is not finite.
    /// </summary>
    public static void UseStrictNumbers(Command command)
    {
        foreach (var o in command.Options)
        {
            switch (o)
            {
                case Option<decimal> d: d.CustomParser = r => ParseDecimal(r); break;
                case Option<decimal?> dn: dn.CustomParser = r => ParseDecimal(r); break;
                case Option<decimal[]> da: da.CustomParser = r => [.. r.Tokens.Select(t => ParseDecimal(r, t.Value))]; break;
                case Option<double> f: f.CustomParser = r => ParseDouble(r); break;
                case Option<double?> fn: fn.CustomParser = r => ParseDouble(r); break;
            }
        }
        foreach (var c in command.Subcommands) UseStrictNumbers(c);
    }

    /// <summary>Culture-invariant decimal without thousands separators (the one rule for numbers typed on the command line).</summary>
    public static bool TryParseDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent
            | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);

    private static decimal ParseDecimal(ArgumentResult r, string? token = null)
    {
        token ??= r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        if (TryParseDecimal(token, out var v)) return v;
        r.AddError(NumberError(r, token, "a decimal number such as 1.5 or 2e-4 (no thousands separators; the decimal point is '.'), at most about 7.9e28"));
        return 0m;
    }

    private static double ParseDouble(ArgumentResult r)
    {
        string token = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        if (double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent
                | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return v;
        r.AddError(NumberError(r, token, "a finite number such as 0.6 (no thousands separators; the decimal point is '.')"));
        return 0d;
    }

    private static string NumberError(ArgumentResult r, string token, string rule)
    {
        string option = r.Parent is OptionResult o ? o.Option.Name : "the value";
        return $"{option} must be {rule}; got '{token}'.";
    }

    /// <summary>Runs a library call fed by one option; a rejection names that option (whatever the library calls its parameter).</summary>
    public static T About<T>(string option, Func<T> call)
    {
        try { return call(); }
        catch (ArgumentException e) when (e.ParamName != option)
        {
            throw new ArgumentException($"{option}: {OneLine(e.Message)}", option, e);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException($"{option} is too large: the calculation overflows decimal (about ±7.9e28).", option, e);
        }
    }

    /// <summary>Requires an option value in [0, 1] (a rate such as --tax-rate).</summary>
    public static decimal Fraction(decimal value, string option) =>
        value is >= 0m and <= 1m ? value : throw new ArgumentException($"{option} must be in [0, 1]; got {value.ToString(CultureInfo.InvariantCulture)}.", option);

    /// <summary>Requires a positive option value before it is used as the default of others (e.g. --price for --cost).</summary>
    public static decimal Positive(decimal value, string option) =>
        value > 0m ? value : throw new ArgumentException($"{option} must be greater than 0; got {value.ToString(CultureInfo.InvariantCulture)}.", option);

    /// <summary>A required option with a description.</summary>
    public static Option<T> Required<T>(string name, string description) =>
        new(name) { Description = description, Required = true };

    /// <summary>An optional option with a default.</summary>
    public static Option<T> Optional<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
