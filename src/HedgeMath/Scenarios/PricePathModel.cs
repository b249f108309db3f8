using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>How Monte Carlo price paths (and the funding along them) are generated: <see cref="Gbm"/> or <see cref="Bootstrap"/>.</summary>
/// <remarks>Steps are days. Immutable and thread-safe.</remarks>
public abstract class PricePathModel
{
    private protected PricePathModel() { }

    /// <summary>A short description for reports.</summary>
    public abstract string Name { get; }

    /// <summary>Geometric Brownian motion with daily steps, funding drawn independently each day from a sample of real daily funding.</summary>
    /// <remarks>
    /// <c>S(t+Δ) = S(t)·exp((μ − σ²/2)Δ + σ√Δ·Z)</c> with Δ = 1/365 year and Z standard normal (Hull, <i>Options,
    /// Futures and Other Derivatives</i>, ch. 14-15: the lognormal property of GBM). μ and σ are annualised.
    /// Funding for a day is drawn uniformly from <paramref name="dailyFundingSample"/> (e.g. the real BTCUSDT daily sums
    /// of the three 8-hour prints, <see cref="MarketHistory.FundingOfReturnDays"/>); an empty sample means no funding.
    /// </remarks>
    /// <param name="annualDrift">Annualised drift μ, finite, in [−10, 10] (the log-price drift is μ − σ²/2).</param>
    /// <param name="annualVolatility">Annualised volatility σ, finite, in [0, 10].</param>
    /// <param name="dailyFundingSample">Daily funding rates (fractions per day) to sample from (each finite, in (−1, 1)); null or empty for none.</param>
    /// <returns>The model; its <see cref="Name"/> states μ, σ and the funding sample's size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or out of range.</exception>
    public static PricePathModel Gbm(double annualDrift, double annualVolatility, IEnumerable<double>? dailyFundingSample = null) =>
        GbmPathModel.Create(annualDrift, annualVolatility, dailyFundingSample);

    /// <summary>A moving-block bootstrap of real daily log returns, with each day's real funding kept alongside its return.</summary>
    /// <remarks>
    /// Paths are built from blocks of <paramref name="blockLength"/> consecutive historical days, each block starting at a
    /// uniformly drawn day (Künsch 1989, "The jackknife and the bootstrap for general stationary observations";
    /// Lahiri, <i>Resampling Methods for Dependent Data</i>, 2003). Blocks keep volatility clustering and the link
    /// between returns and funding of the same days. <see cref="MarketHistory.Bootstrap"/> builds one from a history.
    /// </remarks>
    /// <param name="dailyLogReturns">Daily log returns (at least one, all finite).</param>
    /// <param name="dailyFunding">Funding rate of each of those days (fraction per day, each finite, in (−1, 1)), same length; or empty for none.</param>
    /// <param name="blockLength">Block length in days, in [1, number of returns].</param>
    /// <returns>The model; its <see cref="Name"/> states the number of returns and the block length.</returns>
    /// <exception cref="ArgumentException">The returns are empty or the funding has a different length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN/infinite or the block is longer than the data.</exception>
    public static PricePathModel Bootstrap(ReadOnlySpan<double> dailyLogReturns, ReadOnlySpan<double> dailyFunding, int blockLength) =>
        BootstrapPathModel.Create(dailyLogReturns, dailyFunding, blockLength);
}
