using HedgeMath.Internal;
using System.Numerics;
using System.Text;

namespace HedgeMath.Signals;

/// <summary>How many of a bar's active signals agree, and the action they suggest to a hedge policy.</summary>
/// <remarks>
/// <para>Votes: bearish = RSI overbought, RSI extreme, MACD bearish cross, positive histogram shrinking, upper band
/// (touch or break, one vote); bullish = RSI oversold, MACD bullish cross, negative histogram shrinking, lower band
/// (touch or break, one vote). The squeeze is neutral (no vote).</para>
/// <para>Rules, first match wins (defaults of <see cref="SignalOptions"/>): bearish ≥ MinConfluence (2) and more bearish
/// than bullish → <see cref="SuggestedAction.RaiseHedge"/> by HedgeRatioStep (0.25) when RSI is extreme, otherwise
/// <see cref="SuggestedAction.ScaleOut"/> of min(MaxScaleOut, ScaleOutPerSignal · bearish) of the spot (0.10 per vote,
/// at most 0.50); bullish ≥ MinConfluence and more bullish than bearish → <see cref="SuggestedAction.LowerHedge"/> by
/// HedgeRatioStep; RSI oversold → <see cref="SuggestedAction.CautionBeforeAdding"/>; a squeeze →
/// <see cref="SuggestedAction.FinishScaling"/> (finish scaling before the move); otherwise
/// <see cref="SuggestedAction.Hold"/>. Support/resistance flags are context and carry no vote. Since RSI extreme implies overbought, an extreme RSI alone is two votes.</para>
/// <para>An immutable value; thread-safe.</para>
/// </remarks>
public readonly struct Confluence : IEquatable<Confluence>
{
    private const SignalKinds BearishVotes = SignalKinds.RsiOverbought | SignalKinds.RsiExtreme | SignalKinds.MacdBearishCross
        | SignalKinds.HistogramShrinkingPositive;
    private const SignalKinds BullishVotes = SignalKinds.RsiOversold | SignalKinds.MacdBullishCross | SignalKinds.HistogramShrinkingNegative;
    private const SignalKinds UpperBand = SignalKinds.UpperBandTouch | SignalKinds.UpperBandBreak;
    private const SignalKinds LowerBand = SignalKinds.LowerBandTouch | SignalKinds.LowerBandBreak;

    private Confluence(SignalKinds active, int bearish, int bullish, SuggestedAction action, double amount)
    {
        Active = active;
        BearishCount = bearish;
        BullishCount = bullish;
        Action = action;
        Amount = amount;
    }

    /// <summary>The signals active on the bar.</summary>
    public SignalKinds Active { get; }
    /// <summary>Bearish votes (see remarks).</summary>
    public int BearishCount { get; }
    /// <summary>Bullish votes (see remarks).</summary>
    public int BullishCount { get; }
    /// <summary>The suggested action.</summary>
    public SuggestedAction Action { get; }
    /// <summary>For <see cref="SuggestedAction.ScaleOut"/>: the fraction of spot to sell; for Raise/LowerHedge: the hedge-ratio change; otherwise 0.</summary>
    public double Amount { get; }
    /// <summary>True when a squeeze is active (a large move may be imminent; no direction).</summary>
    public bool SqueezeWarning => (Active & SignalKinds.Squeeze) != 0;

    /// <summary>Evaluates the votes and the suggested action of a set of active signals.</summary>
    /// <param name="active">The active signals.</param>
    /// <param name="options">Thresholds (null: <see cref="SignalOptions.Default"/>).</param>
    /// <returns>The confluence.</returns>
    public static Confluence Evaluate(SignalKinds active, SignalOptions? options = null)
    {
        Preconditions.DefinedFlags(active);
        options ??= SignalOptions.Default;
        var action = ActionOf(active, options, out int bearish, out int bullish);
        double size = action switch
        {
            SuggestedAction.RaiseHedge or SuggestedAction.LowerHedge => options.HedgeRatioStep,
            SuggestedAction.ScaleOut => Math.Min(options.MaxScaleOut, options.ScaleOutPerSignal * bearish),
            _ => 0,
        };
        return new Confluence(active, bearish, bullish, action, size);
    }

    /// <summary>The suggested action alone (no <see cref="Confluence"/> is built: a plan's condition reads it on every bar).</summary>
    internal static SuggestedAction ActionOf(SignalKinds active, SignalOptions options, out int bearish, out int bullish)
    {
        bearish = BitOperations.PopCount((uint)(active & BearishVotes)) + ((active & UpperBand) != 0 ? 1 : 0);
        bullish = BitOperations.PopCount((uint)(active & BullishVotes)) + ((active & LowerBand) != 0 ? 1 : 0);
        if (bearish >= options.MinConfluence && bearish > bullish)
            return (active & SignalKinds.RsiExtreme) != 0 ? SuggestedAction.RaiseHedge : SuggestedAction.ScaleOut;
        if (bullish >= options.MinConfluence && bullish > bearish) return SuggestedAction.LowerHedge;
        if ((active & SignalKinds.RsiOversold) != 0) return SuggestedAction.CautionBeforeAdding;
        if ((active & SignalKinds.Squeeze) != 0) return SuggestedAction.FinishScaling;
        return SuggestedAction.Hold;
    }

    /// <summary>The C# names of the flags set in <paramref name="kinds"/>, in declaration order.</summary>
    /// <param name="kinds">Signals.</param>
    /// <returns>The names; empty for <see cref="SignalKinds.None"/>.</returns>
    /// <remarks>A second naming of the signals beside <see cref="SignalNames"/>, the one the rules, the CLI and the docs use.</remarks>
    [Obsolete("Use SignalNames.Names(kinds): the library's one naming of signals (kebab case, \"rsi-oversold\"), the names rules and the CLI accept. Removed in the next release.")]
    public static IReadOnlyList<string> Names(SignalKinds kinds)
    {
        Preconditions.DefinedFlags(kinds);
        var names = new List<string>();
        foreach (SignalKinds k in Enum.GetValues<SignalKinds>())
            if (k != SignalKinds.None && (kinds & k) == k) names.Add(k.ToString());
        return names;
    }

    /// <summary>One line: the action, the votes and the signals.</summary>
    /// <returns>For example <c>ScaleOut 20 %: 2 bearish, 0 bullish (rsi-overbought, upper-band-touch)</c>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Action.ToString());
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        if (Action == SuggestedAction.ScaleOut) sb.Append(ci, $" {Amount * 100:0.##} % of spot");
        else if (Action is SuggestedAction.RaiseHedge or SuggestedAction.LowerHedge) sb.Append(ci, $" hedge ratio by {Amount:0.##}");
        sb.Append(ci, $": {BearishCount} bearish, {BullishCount} bullish");
        if (Active != SignalKinds.None) sb.Append(" (").Append(string.Join(", ", SignalNames.Names(Active))).Append(')');
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(Confluence other) => Active == other.Active && BearishCount == other.BearishCount && BullishCount == other.BullishCount
        && Action == other.Action && Amount.Equals(other.Amount);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Confluence c && Equals(c);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Active, BearishCount, BullishCount, Action, Amount);
    /// <summary>Equality of every property.</summary>
    public static bool operator ==(Confluence left, Confluence right) => left.Equals(right);
    /// <summary>Inequality of any property.</summary>
    public static bool operator !=(Confluence left, Confluence right) => !left.Equals(right);
}
