using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Market;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>Exponential moving average with smoothing factor α = 2/(N+1), seeded with the SMA of the first N values.</summary>
/// <remarks>
/// <c>EMA[N−1] = (x[0] + … + x[N−1]) / N</c> (the seeding of Stock.Indicators for .NET, bit for bit); then
/// <c>EMA[i] = EMA[i−1] + α·(x[i] − EMA[i−1])</c>, evaluated as one fused multiply-add <c>EMA·(1 − α) + α·x</c> so the
/// recursion is not latency-bound (agrees with Stock.Indicators' order to ≤ 1e-15 relative).
/// <see cref="WarmupPeriods"/> = N − 1 leading NaN values. The static methods are stateless and thread-safe; an instance is the streaming form (see <see cref="IIndicatorStream{TInput, TValue}"/>).
/// </remarks>
public sealed partial class Ema
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

    /// <summary>Bars after which the influence of the SMA seed has decayed below about 1e-4 (N + 100, the figure Stock.Indicators removes as convergence warm-up).</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N + 100.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int ConvergencePeriods(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return lookbackPeriods + 100;
    }

    /// <summary>The smoothing factor α = 2/(N+1).</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>2/(N+1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static double SmoothingFactor(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return 2d / (lookbackPeriods + 1);
    }

    /// <summary>Writes the EMA of <paramref name="source"/> into <paramref name="destination"/>.</summary>
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

    /// <summary>The EMA of <paramref name="source"/> as a new array.</summary>
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

    /// <summary>The EMA of the candles' closes.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="lookbackPeriods">N, at least 1 (default 20).</param>
    /// <returns>One value per candle; NaN during warm-up.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static double[] Compute(IReadOnlyList<Candle> candles, int lookbackPeriods = DefaultLookbackPeriods) =>
        Compute(Candle.Closes(candles), lookbackPeriods);

    /// <summary>
    /// One EMA step, <c>EMA + α·(x − EMA)</c> evaluated as <c>fma(EMA, 1 − α, α·x)</c>: the dependency chain is a single
    /// fused multiply-add (4 cycles) instead of subtract, multiply, add (≈ 12), and the result differs from the textbook
    /// order by at most a few ulps (≤ 1e-15 relative on the reference data).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Step(double ema, double x, double alpha, double decay) => Math.FusedMultiplyAdd(ema, decay, alpha * x);

    /// <summary>The EMA recursion over a validated source; also used by MACD.</summary>
    internal static void ComputeCore(ReadOnlySpan<double> source, Span<double> destination, int n)
    {
        int length = source.Length;
        int warm = Math.Min(n - 1, length);
        destination[..warm].Fill(double.NaN);
        if (length < n) return;
        double k = 2d / (n + 1), decay = 1d - k;
        double sum = 0;
        for (int p = 0; p < n; p++) sum += source[p];
        double ema = sum / n;
        destination[n - 1] = ema;
        ref double src = ref MemoryMarshal.GetReference(source);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        unchecked
        {
            for (int i = n; i < length; i++)
            {
                ema = Step(ema, Unsafe.Add(ref src, i), k, decay);
                Unsafe.Add(ref dst, i) = ema;
            }
        }
    }
}
