using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>The model behind <see cref="PricePathModel.Gbm"/>: geometric Brownian motion with daily steps, funding drawn independently each day from a sample of real daily funding.</summary>
/// <remarks>
/// <c>S(t+Δ) = S(t)·exp((μ − σ²/2)Δ + σ√Δ·Z)</c> with Δ = 1/365 year and Z standard normal (Hull, <i>Options,
/// Futures and Other Derivatives</i>, ch. 14-15: the lognormal property of GBM). μ and σ are annualised.
/// Funding for a day is drawn uniformly from <see cref="DailyFundingSample"/> (e.g. the real BTCUSDT daily sums of
/// the three 8-hour prints); an empty sample means no funding. Immutable and thread-safe.
/// </remarks>
internal sealed class GbmPathModel : PricePathModel
{
    private GbmPathModel(double drift, double volatility, ImmutableArray<double> funding)
    {
        AnnualDrift = drift; AnnualVolatility = volatility; DailyFundingSample = funding;
        const double dt = 1.0 / 365.0;
        StepDrift = (drift - 0.5 * volatility * volatility) * dt;
        StepVolatility = volatility * Math.Sqrt(dt);
    }

    /// <summary>Annualised drift μ (log-price drift is μ − σ²/2).</summary>
    internal double AnnualDrift { get; }
    /// <summary>Annualised volatility σ.</summary>
    internal double AnnualVolatility { get; }
    /// <summary>Daily funding rates (fractions per day) to sample from; empty for none.</summary>
    internal ImmutableArray<double> DailyFundingSample { get; }
    internal double StepDrift { get; }
    internal double StepVolatility { get; }

    /// <inheritdoc />
    public override string Name => FormattableString.Invariant($"GBM mu={AnnualDrift:0.###} sigma={AnnualVolatility:0.###}{(DailyFundingSample.IsDefaultOrEmpty ? ", no funding" : $", funding sampled from {DailyFundingSample.Length} days")}");

    /// <summary>Creates a GBM model.</summary>
    /// <param name="annualDrift">Annualised drift μ, finite, in [−10, 10].</param>
    /// <param name="annualVolatility">Annualised volatility σ, finite, in [0, 10].</param>
    /// <param name="dailyFundingSample">Daily funding rates to sample from (each finite, in (−1, 1)); null or empty for none.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or out of range.</exception>
    internal static GbmPathModel Create(double annualDrift, double annualVolatility, IEnumerable<double>? dailyFundingSample = null)
    {
        Preconditions.InRange(annualDrift, -10d, 10d);
        Preconditions.InRange(annualVolatility, 0d, 10d);
        var f = dailyFundingSample is null ? ImmutableArray<double>.Empty : dailyFundingSample.ToImmutableArray();
        CheckFunding(f.AsSpan(), nameof(dailyFundingSample));
        return new GbmPathModel(annualDrift, annualVolatility, f);
    }

    internal static void CheckFunding(ReadOnlySpan<double> f, string name)
    {
        for (int i = 0; i < f.Length; i++)
            if (!double.IsFinite(f[i]) || f[i] <= -1d || f[i] >= 1d)
                Preconditions.ThrowOutOfRange(name, f[i], $"must contain only finite rates in (-1, 1) (index {i})");
    }
}
