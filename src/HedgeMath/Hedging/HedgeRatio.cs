using System.Buffers;
using System.Globalization;
using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>Minimum-variance hedge ratios from data: the estimate, the number of contracts, and an out-of-sample test over rolling windows.</summary>
/// <remarks>
/// Source of the formulas: Hull, <i>Options, Futures and Other Derivatives</i>, §3.4 "Cross hedging":
/// h* = ρ·σS/σF (eq. 3.1), hedge effectiveness ρ², N* = h*·QA/QF (eq. 3.2). h* equals the slope of an
/// ordinary least-squares regression of ΔS on ΔF. All methods are pure and thread-safe;
/// <see cref="MinimumVariance"/> and <see cref="Rolling"/> work in pooled buffers and allocate only their result.
/// </remarks>
public static class HedgeRatio
{
    /// <summary>The fewest change observations an estimate accepts (a sample variance and correlation need at least 3 to mean anything).</summary>
    public const int MinimumObservations = 3;

    /// <summary>Estimates the minimum-variance hedge ratio of a spot series against a futures series.</summary>
    /// <param name="spot">Spot prices or changes (see <paramref name="basis"/>).</param>
    /// <param name="futures">Futures (hedge instrument) prices or changes, aligned with <paramref name="spot"/> element by element.</param>
    /// <param name="basis">Whether the inputs are changes already, or prices to turn into price changes, simple returns or log returns.</param>
    /// <returns>h*, ρ, σS, σF, ρ² and the residual volatility.</returns>
    /// <exception cref="ArgumentException">The series differ in length, give fewer than <see cref="MinimumObservations"/> observations, either has zero variance, or the futures vary too little for a finite ratio.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, a change (or return) is beyond ±1e100, a price is not positive for a return basis, or <paramref name="basis"/> is not defined.</exception>
    public static MinimumVarianceHedge MinimumVariance(ReadOnlySpan<double> spot, ReadOnlySpan<double> futures, HedgeRatioBasis basis)
    {
        ValidateSeries(spot, futures, basis);
        int n = ObservationCount(spot.Length, basis);
        if (n < MinimumObservations)
            Preconditions.ThrowArgument(nameof(spot), $"gives {n} observations under basis {basis} but at least {MinimumObservations} are required");
        if (basis == HedgeRatioBasis.InputsAreChanges)
        {
            WithinLimit(spot, nameof(spot));
            WithinLimit(futures, nameof(futures));
            return Estimate(spot, futures, basis);
        }
        // Changes are computed once into pooled buffers (no allocation in steady state), then estimated on plain spans.
        var sb = ArrayPool<double>.Shared.Rent(n);
        var fb = ArrayPool<double>.Shared.Rent(n);
        try
        {
            WriteObservations(spot, sb.AsSpan(0, n), basis, nameof(spot));
            WriteObservations(futures, fb.AsSpan(0, n), basis, nameof(futures));
            return Estimate(sb.AsSpan(0, n), fb.AsSpan(0, n), basis);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sb);
            ArrayPool<double>.Shared.Return(fb);
        }
    }

    /// <summary>Turns prices into changes on the given basis (or copies changes through).</summary>
    /// <param name="source">Prices or changes.</param>
    /// <param name="destination">Receives the observations: <c>source.Length</c> of them for <see cref="HedgeRatioBasis.InputsAreChanges"/>, else <c>source.Length − 1</c>.</param>
    /// <param name="basis">The basis.</param>
    /// <returns>The number of observations written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, or a price is not positive for a return basis.</exception>
    public static int ToChanges(ReadOnlySpan<double> source, Span<double> destination, HedgeRatioBasis basis)
    {
        ValidateOne(source, basis, nameof(source));
        int n = ObservationCount(source.Length, basis);
        Preconditions.DestinationLongEnough(destination.Length, n, nameof(destination));
        WriteChanges(source, destination, basis);
        return n;
    }

    /// <summary>The optimal number of futures contracts N* = h*·QA/QF, exact and rounded to whole contracts.</summary>
    /// <param name="hedgeRatio">h* (0 or greater, finite).</param>
    /// <param name="hedgedQuantity">QA, the size of the position being hedged, in units (&gt; 0).</param>
    /// <param name="contractQuantity">QF, the size of one futures contract, in the same units (&gt; 0).</param>
    /// <returns>N* before rounding (<c>Exact</c>) and rounded to the nearest whole contract, midpoint away from zero
    /// (<c>Rounded</c>); <c>Rounded − Exact</c> is the rounding error: contracts over-hedged (positive) or under-hedged (negative).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A ratio that is NaN, infinite or negative, or a non-positive quantity.</exception>
    /// <remarks>Hull, <i>Options, Futures and Other Derivatives</i>, §3.4, eq. 3.2: QA is the size of the position being hedged
    /// (units), QF the size of one futures contract (units). Example 3.3: h* = 0.7776507, QA = 2,000,000, QF = 42,000 → N* = 37.03 → 37.</remarks>
    public static (decimal Exact, decimal Rounded) OptimalContracts(double hedgeRatio, decimal hedgedQuantity, decimal contractQuantity)
    {
        Preconditions.NonNegative(hedgeRatio);
        Preconditions.Positive(hedgedQuantity);
        Preconditions.Positive(contractQuantity);
        decimal exact;
        try { exact = (decimal)hedgeRatio * hedgedQuantity / contractQuantity; }
        catch (OverflowException)
        {
            Preconditions.ThrowOutOfRange(nameof(hedgedQuantity), hedgedQuantity, $"with hedge ratio {hedgeRatio} and contract quantity {contractQuantity} overflows decimal");
            throw; // unreachable
        }
        return (exact, Math.Round(exact, 0, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// Tests the minimum-variance hedge out of sample: estimates h* on a window of observations and applies
    /// it in the window right after, and reports the variance it removed there against the ρ² it promised;
    /// the pair then moves on by <paramref name="step"/> observations (by default a whole window, so the
    /// estimation windows are consecutive and do not overlap).
    /// </summary>
    /// <param name="spot">Spot prices or changes.</param>
    /// <param name="futures">Futures prices or changes, aligned with <paramref name="spot"/>.</param>
    /// <param name="basis">How the inputs become changes.</param>
    /// <param name="window">Observations per window (at least <see cref="MinimumObservations"/>); there must be at least two windows.</param>
    /// <param name="step">Observations between successive estimation windows (≥ 1); <paramref name="window"/> when null. A smaller step gives overlapping, rolling windows.</param>
    /// <returns>One row per (estimation window, test window) pair and pooled summaries.</returns>
    /// <exception cref="ArgumentException">The series differ in length or are too short for two windows, or a window has zero variance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below <see cref="MinimumObservations"/>, <paramref name="step"/> is below 1, a value is not finite, a change is beyond ±1e100, or a price is not positive for a return basis.</exception>
    /// <remarks>
    /// Realized effectiveness in the test window = 1 − Var(ΔS − h·ΔF)/Var(ΔS) with h from the previous
    /// window (Ederington 1979, "The hedging performance of the new futures markets", J. Finance 34:157–170,
    /// the variance-reduction measure). It is below the in-sample ρ² when h drifts and can be negative (the
    /// hedge added variance). Observation i of a price basis spans prices i and i + 1.
    /// </remarks>
    public static OutOfSampleHedgeTest OutOfSample(ReadOnlySpan<double> spot, ReadOnlySpan<double> futures, HedgeRatioBasis basis, int window, int? step = null)
    {
        if (window < MinimumObservations)
            Preconditions.ThrowOutOfRange(nameof(window), window, $"must be at least {MinimumObservations} observations");
        int stride = step ?? window;
        if (stride < 1) Preconditions.ThrowOutOfRange(nameof(step), stride, "must be at least 1 observation");
        ValidateSeries(spot, futures, basis);
        int n = ObservationCount(spot.Length, basis);
        if (window > n / 2)
            Preconditions.ThrowArgument(nameof(spot), $"gives {n} observations under basis {basis}, too short for window {window}: at least two windows ({2L * window} observations) are required");
        var s = new double[n];
        var f = new double[n];
        WriteObservations(spot, s, basis, nameof(spot));
        WriteObservations(futures, f, basis, nameof(futures));

        var rows = ImmutableArray.CreateBuilder<(int, int, MinimumVarianceHedge, MinimumVarianceHedge, double, double)>();
        double sumSpotVar = 0, sumHedgedVar = 0;
        // long: a step near int.MaxValue must end the loop, not overflow it (one pair of windows, then done).
        for (long next = 0; next + (2L * window) <= n; next += stride)
        {
            int est = (int)next, test = est + window;
            var estimate = Estimate(s.AsSpan(est, window), f.AsSpan(est, window), basis);
            var testS = s.AsSpan(test, window);
            var testF = f.AsSpan(test, window);
            double spotVar = SampleVariance(testS, testF, 0d);
            double hedgedVar = SampleVariance(testS, testF, estimate.HedgeRatio);
            if (spotVar == 0d) Preconditions.ThrowArgument(nameof(spot), $"has zero variance in window starting at observation {test}");
            if (!double.IsFinite(hedgedVar))
                Preconditions.ThrowArgument(nameof(futures), $"gives a hedge ratio ({estimate.HedgeRatio.ToString(CultureInfo.InvariantCulture)}) whose hedged variance overflows in the window starting at observation {test}");
            var hindsight = Estimate(testS, testF, basis);
            rows.Add((est, test, estimate, hindsight, 1d - hedgedVar / spotVar, Math.Sqrt(hedgedVar)));
            sumSpotVar += spotVar;
            sumHedgedVar += hedgedVar;
        }
        return new OutOfSampleHedgeTest(basis, window, n, rows.ToImmutable(), 1d - sumHedgedVar / sumSpotVar);
    }

    /// <summary>The minimum-variance hedge ratio over a rolling window ending at each observation.</summary>
    /// <param name="spot">Spot prices or changes.</param>
    /// <param name="futures">Futures prices or changes, aligned with <paramref name="spot"/>.</param>
    /// <param name="basis">How the inputs become changes.</param>
    /// <param name="window">Observations per window (at least <see cref="MinimumObservations"/>, at most the number of observations).</param>
    /// <param name="destination">Receives one h* per observation: element i is the estimate over observations (i − window, i]; <see cref="double.NaN"/> for the first <c>window − 1</c> (warm-up).</param>
    /// <returns>The number of observations written (<c>spot.Length</c> for changes, <c>spot.Length − 1</c> for prices).</returns>
    /// <exception cref="ArgumentException">The series differ in length, are shorter than the window, a window has a constant futures series, or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below <see cref="MinimumObservations"/>, a value is not finite, a change is beyond ±1e100, or a price is not positive for a return basis.</exception>
    /// <remarks>Each window is estimated exactly as <see cref="MinimumVariance"/> does (two-pass sums; O(n·window)). Output as long as the observations, NaN during warm-up, like the library's indicators.</remarks>
    public static int Rolling(ReadOnlySpan<double> spot, ReadOnlySpan<double> futures, HedgeRatioBasis basis, int window, Span<double> destination)
    {
        if (window < MinimumObservations)
            Preconditions.ThrowOutOfRange(nameof(window), window, $"must be at least {MinimumObservations} observations");
        ValidateSeries(spot, futures, basis);
        int n = ObservationCount(spot.Length, basis);
        if (n < window) Preconditions.ThrowArgument(nameof(spot), $"gives {n} observations under basis {basis}, fewer than the window {window}");
        Preconditions.DestinationLongEnough(destination.Length, n, nameof(destination));
        var sb = ArrayPool<double>.Shared.Rent(n);
        var fb = ArrayPool<double>.Shared.Rent(n);
        try
        {
            WriteObservations(spot, sb.AsSpan(0, n), basis, nameof(spot));
            WriteObservations(futures, fb.AsSpan(0, n), basis, nameof(futures));
            for (int i = 0; i < window - 1; i++) destination[i] = double.NaN;
            for (int i = window - 1; i < n; i++)
            {
                var s = sb.AsSpan(i - window + 1, window);
                var f = fb.AsSpan(i - window + 1, window);
                double ms = 0, mf = 0;
                for (int j = 0; j < window; j++) { ms += s[j]; mf += f[j]; }
                ms /= window; mf /= window;
                double sff = 0, ssf = 0;
                for (int j = 0; j < window; j++) { double df = f[j] - mf; sff += df * df; ssf += (s[j] - ms) * df; }
                if (sff == 0d) Preconditions.ThrowArgument(nameof(futures), $"has zero variance in the window ending at observation {i}");
                double h = ssf / sff;
                if (!double.IsFinite(h))
                    Preconditions.ThrowArgument(nameof(futures), $"varies too little against spot for a finite hedge ratio in the window ending at observation {i}");
                destination[i] = h;
            }
            return n;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sb);
            ArrayPool<double>.Shared.Return(fb);
        }
    }

    // Sample variance of s − h·f (n − 1 denominator), two-pass.
    private static double SampleVariance(ReadOnlySpan<double> s, ReadOnlySpan<double> f, double h)
    {
        double mean = 0;
        for (int i = 0; i < s.Length; i++) mean += s[i] - h * f[i];
        mean /= s.Length;
        double ss = 0;
        for (int i = 0; i < s.Length; i++) { double d = s[i] - h * f[i] - mean; ss += d * d; }
        return ss / (s.Length - 1);
    }

    private static MinimumVarianceHedge Estimate(ReadOnlySpan<double> s, ReadOnlySpan<double> f, HedgeRatioBasis basis)
    {
        int n = s.Length;
        double ms = 0, mf = 0;
        for (int i = 0; i < n; i++) { ms += s[i]; mf += f[i]; }
        ms /= n; mf /= n;
        double sss = 0, sff = 0, ssf = 0;
        for (int i = 0; i < n; i++)
        {
            double ds = s[i] - ms, df = f[i] - mf;
            sss += ds * ds; sff += df * df; ssf += ds * df;
        }
        if (sff == 0d) Preconditions.ThrowArgument("futures", "has zero variance: no hedge ratio can be estimated against a constant series");
        if (sss == 0d) Preconditions.ThrowArgument("spot", "has zero variance: there is nothing to hedge and the correlation is undefined");
        double h = ssf / sff;
        if (!double.IsFinite(h))
            Preconditions.ThrowArgument("futures", $"varies too little against spot for a finite hedge ratio (h* = {h.ToString(CultureInfo.InvariantCulture)})");
        double rho = Math.Clamp(ssf / Math.Sqrt(sss * sff), -1d, 1d);
        // Residual ΔS − h·ΔF: its mean is ms − h·mf; sum of squares = sss − 2h·ssf + h²·sff (computed directly for accuracy).
        double mr = ms - h * mf, srr = 0;
        for (int i = 0; i < n; i++) { double r = s[i] - h * f[i] - mr; srr += r * r; }
        return new MinimumVarianceHedge(h, rho, Math.Sqrt(sss / (n - 1)), Math.Sqrt(sff / (n - 1)), Math.Sqrt(srr / (n - 1)), n, basis);
    }

    private static void ValidateSeries(ReadOnlySpan<double> spot, ReadOnlySpan<double> futures, HedgeRatioBasis basis)
    {
        if (!Enum.IsDefined(basis)) Preconditions.ThrowOutOfRange(nameof(basis), basis, "must be a defined HedgeRatioBasis");
        Preconditions.SameLength(futures.Length, spot.Length, nameof(futures), nameof(spot));
        ValidateOne(spot, basis, nameof(spot));
        ValidateOne(futures, basis, nameof(futures));
    }

    private static void ValidateOne(ReadOnlySpan<double> values, HedgeRatioBasis basis, string paramName)
    {
        if (!Enum.IsDefined(basis)) Preconditions.ThrowOutOfRange(nameof(basis), basis, "must be a defined HedgeRatioBasis");
        Preconditions.AllFinite(values, paramName);
        if (basis is HedgeRatioBasis.PricesToSimpleReturns or HedgeRatioBasis.PricesToLogReturns)
        {
            for (int i = 0; i < values.Length; i++)
                if (values[i] <= 0d)
                    Preconditions.ThrowOutOfRange(paramName, values[i], $"must hold prices greater than 0 for basis {basis}; index {i} is not");
        }
    }

    /// <summary>
    /// The largest change (or return) accepted: sums of squares of changes this size stay far inside double's range, so
    /// the ratio, correlation and volatilities are finite (the indicators' input limit, docs/conventions.md).
    /// </summary>
    private const double MaxChange = 1e100;

    // Requires observations within ±MaxChange, naming the series and the observation.
    private static void WithinLimit(ReadOnlySpan<double> changes, string paramName)
    {
        for (int i = 0; i < changes.Length; i++)
        {
            if (!(Math.Abs(changes[i]) <= MaxChange))
                Preconditions.ThrowOutOfRange(paramName, changes[i], string.Create(CultureInfo.InvariantCulture,
                    $"gives a change of {changes[i]:R} at observation {i}; changes beyond ±1e100 make the variance overflow"));
        }
    }

    // Writes the observations of a validated series and checks them against MaxChange.
    private static void WriteObservations(ReadOnlySpan<double> source, Span<double> destination, HedgeRatioBasis basis, string paramName)
    {
        WriteChanges(source, destination, basis);
        WithinLimit(destination, paramName);
    }

    private static int ObservationCount(int length, HedgeRatioBasis basis) =>
        basis == HedgeRatioBasis.InputsAreChanges ? length : Math.Max(0, length - 1);

    // Writes the observations of a (validated) series; the destination is long enough.
    private static void WriteChanges(ReadOnlySpan<double> source, Span<double> destination, HedgeRatioBasis basis)
    {
        switch (basis)
        {
            case HedgeRatioBasis.InputsAreChanges:
                source.CopyTo(destination);
                break;
            case HedgeRatioBasis.PricesToPriceChanges:
                for (int i = 0; i + 1 < source.Length; i++) destination[i] = source[i + 1] - source[i];
                break;
            case HedgeRatioBasis.PricesToSimpleReturns:
                for (int i = 0; i + 1 < source.Length; i++) destination[i] = source[i + 1] / source[i] - 1d;
                break;
            default:
                for (int i = 0; i + 1 < source.Length; i++) destination[i] = Math.Log(source[i + 1] / source[i]);
                break;
        }
    }
}
