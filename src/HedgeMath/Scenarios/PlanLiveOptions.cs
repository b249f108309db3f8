using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Scenarios;

/// <summary>Options of the live clock (<see cref="PlanLive"/>); every property has a default.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanLiveOptions
{
    /// <summary>The defaults.</summary>
    public static PlanLiveOptions Default { get; } = new();

    private readonly decimal _warningDistance = 0.05m;

    /// <summary>Signal parameters when the plan reads signals (null: <see cref="SignalOptions.Default"/>).</summary>
    public SignalOptions? Signals { get; init; }

    /// <summary>A stop or liquidation price within this fraction of the close (|level − close| / close) is warned of (default 0.05 = 5 %, in [0, 1]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public decimal WarningDistance { get => _warningDistance; init => _warningDistance = Preconditions.InRange(value, 0m, 1m, nameof(WarningDistance)); }
}
