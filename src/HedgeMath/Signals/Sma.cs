using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Market;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>Simple moving average: the mean of the last N values.</summary>
/// <remarks>
/// <c>SMA[i] = (x[i−N+1] + … + x[i]) / N</c>; the first value is at index N − 1 (<see cref="WarmupPeriods"/>
/// values of <see cref="double.NaN"/> before it). Computed in O(1) per bar with anchored rolling sums and a
/// periodic exact recomputation (see docs/signals.md), agreeing with a window re-sum to within a few ulps.
/// The static methods are stateless and thread-safe; an instance is the streaming form (see <see cref="IIndicatorStream{TInput, TValue}"/>).
/// </remarks>
public sealed partial class Sma
{
    /// <summary>The default lookback (20 bars).</summary>
    public const int DefaultLookbackPeriods = 20;

    /// <summary>The number of leading <see cref="double.NaN"/> outputs: N − 1.</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int WarmupPeriods(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return lookbackPeriods - 1;
    }

    /// <summary>Writes the SMA of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The values (finite).</param>
    /// <param name="destination">Receives one value per source value; NaN during warm-up.</param>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or <paramref name="source"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Compute(ReadOnlySpan<double> source, Span<double> destination, int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        Preconditions.DestinationLongEnough(destination.Length, source.Length, nameof(destination));
        Preconditions.IndicatorValues(source, nameof(source));
        ComputeCore(source, destination[..source.Length], lookbackPeriods);
    }

    /// <summary>The SMA of <paramref name="source"/> as a new array.</summary>
    /// <param name="source">The values (finite).</param>
    /// <param name="lookbackPeriods">N, at least 1 (default 20).</param>
    /// <returns>One value per source value; NaN during warm-up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or <paramref name="source"/> holds NaN or infinity.</exception>
    public static double[] Compute(ReadOnlySpan<double> source, int lookbackPeriods = DefaultLookbackPeriods)
    {
        var result = new double[source.Length];
        Compute(source, result, lookbackPeriods);
        return result;
    }

    /// <summary>The SMA of the candles' closes.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="lookbackPeriods">N, at least 1 (default 20).</param>
    /// <returns>One value per candle; NaN during warm-up.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static double[] Compute(IReadOnlyList<Candle> candles, int lookbackPeriods = DefaultLookbackPeriods) =>
        Compute(Candle.Closes(candles), lookbackPeriods);

    internal static void ComputeCore(ReadOnlySpan<double> source, Span<double> destination, int n)
    {
        int length = source.Length;
        int warm = Math.Min(n - 1, length);
        destination[..warm].Fill(double.NaN);
        if (length < n) return;
        int interval = WindowMoments.RestartInterval(n);
        ref double src = ref MemoryMarshal.GetReference(source);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        WindowMoments m = default;
        int countdown = 0;
        unchecked
        {
            for (int i = n - 1; i < length; i++)
            {
                if (countdown == 0)
                {
                    m.Reset(source[i]);
                    m.Accumulate(source.Slice(i - n + 1, n));
                    countdown = interval;
                }
                else
                {
                    m.SlideSum(Unsafe.Add(ref src, i), Unsafe.Add(ref src, i - n));
                }
                countdown--;
                Unsafe.Add(ref dst, i) = m.Mean(n);
            }
        }
    }
}
