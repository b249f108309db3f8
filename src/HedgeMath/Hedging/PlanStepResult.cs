using System.Collections.Immutable;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>
/// One bar's step of a plan: the state after it and what happened on it — from <see cref="PlanState.Step"/>, or from the
/// live clock (<c>PlanLive.Push</c>, <c>PushAssets</c>, <c>RunAsync</c>), which adds the candle and the warnings.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanStepResult
{
    private readonly ImmutableArray<Candle> _candles;
    private readonly ImmutableArray<HedgeWarning> _warnings;

    internal PlanStepResult(PlanState state, ImmutableArray<PlanEvent> events) { State = state; Events = events; }

    /// <summary>The state after the bar.</summary>
    public PlanState State { get; }
    /// <summary>What happened, in order (<see cref="PlanState.Step"/>'s events).</summary>
    public ImmutableArray<PlanEvent> Events { get; }
    /// <summary>The bar's index among the stepped bars (0 for the first; the live clock's warm-up bars are not counted).</summary>
    public int Bar { get; internal init; }
    /// <summary>The signals at the close (the bar's; <c>default</c> when the plan reads none).</summary>
    public SignalSet Signals { get; internal init; }
    /// <summary>The live clock's candle of the bar (a plan over several assets: the first asset's); <c>default(Candle)</c> from <see cref="PlanState.Step"/>, which steps a <see cref="PlanBar"/>.</summary>
    public Candle Candle { get; internal init; }
    /// <summary>The live clock's warnings of the bar: stop or liquidation prices that came near the close (<see cref="HedgeWarningCode.StopNear"/>, <see cref="HedgeWarningCode.LiquidationNear"/>); empty from <see cref="PlanState.Step"/>.</summary>
    public ImmutableArray<HedgeWarning> Warnings { get => _warnings.IsDefault ? [] : _warnings; internal init => _warnings = value; }
    /// <summary>The live clock's candle of every asset, in <see cref="PlanDefinition.Assets"/>' order (one for a plan on one asset: <see cref="Candle"/>); empty from <see cref="PlanState.Step"/>.</summary>
    public ImmutableArray<Candle> Candles
    {
        get => !_candles.IsDefault ? _candles : Candle.Interval == TimeSpan.Zero ? [] : [Candle];
        internal init => _candles = value;
    }
}
