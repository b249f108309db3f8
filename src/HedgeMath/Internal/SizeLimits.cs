namespace HedgeMath.Internal;

/// <summary>
/// The largest sizes the library accepts, checked before anything is allocated or run (docs/conventions.md lists
/// them). Each keeps a request within memory and a bounded run time; past them an input error is far likelier than
/// intent (<c>int.MaxValue</c> paths or periods).
/// </summary>
internal static class SizeLimits
{
    /// <summary>Indicator lookback periods (RSI, EMA, SMA, MACD, Bollinger, ATR) and their streams.</summary>
    public const int MaxLookbackPeriods = 100_000;

    /// <summary>Price moves of a scenario grid (<c>ScenarioGrid.EvenMoves</c>, <c>ScenarioGrid.Create</c>).</summary>
    public const int MaxGridMoves = 10_000;

    /// <summary>Cells of a scenario grid: moves × hedge ratios × leverages.</summary>
    public const int MaxGridCells = 1_000_000;

    /// <summary>Monte Carlo paths.</summary>
    public const int MaxPaths = 1_000_000;

    /// <summary>Monte Carlo steps (days) per path: 100 years.</summary>
    public const int MaxSteps = 36_500;

    /// <summary>Monte Carlo path steps in all: paths × steps.</summary>
    public const long MaxPathSteps = 100_000_000;
}
