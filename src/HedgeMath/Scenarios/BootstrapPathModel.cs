using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>The model behind <see cref="PricePathModel.Bootstrap"/>: a moving-block bootstrap of real daily log returns, with each day's real funding kept alongside its return.</summary>
/// <remarks>
/// Paths are built from blocks of <see cref="BlockLength"/> consecutive historical days, each block starting at a
/// uniformly drawn day (Künsch 1989, "The jackknife and the bootstrap for general stationary observations";
/// Lahiri, <i>Resampling Methods for Dependent Data</i>, 2003). Blocks keep volatility clustering and the link
/// between returns and funding of the same days. Immutable and thread-safe.
/// </remarks>
internal sealed class BootstrapPathModel : PricePathModel
{
    private readonly double[] _funding;

    private BootstrapPathModel(double[] funding, int blockLength, ImmutableArray<double> logReturns)
    {
        _funding = funding; BlockLength = blockLength; DailyLogReturns = logReturns;
        double mean = 0d;
        foreach (var r in logReturns) mean += r;
        mean /= logReturns.Length;
        double ss = 0d;
        foreach (var r in logReturns) ss += (r - mean) * (r - mean);
        StepVariance = logReturns.Length > 1 ? ss / (logReturns.Length - 1) : 0d;
    }

    /// <summary>The sample variance of the daily log returns: the σ²Δ of the Brownian bridge between daily closes.</summary>
    internal double StepVariance { get; }

    /// <summary>The historical daily log returns resampled.</summary>
    internal ImmutableArray<double> DailyLogReturns { get; }
    /// <summary>Consecutive days per block.</summary>
    internal int BlockLength { get; }
    internal ReadOnlySpan<double> Funding => _funding;

    /// <inheritdoc />
    public override string Name => FormattableString.Invariant($"block bootstrap of {DailyLogReturns.Length} daily returns, blocks of {BlockLength} days");

    /// <summary>Creates a bootstrap model from daily log returns and the funding of the same days.</summary>
    /// <param name="dailyLogReturns">Daily log returns (at least one, all finite).</param>
    /// <param name="dailyFunding">Funding rate of each of those days (fraction per day), same length; or empty for none.</param>
    /// <param name="blockLength">Block length in days, in [1, number of returns].</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The returns are empty or the funding has a different length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN/infinite or the block is longer than the data.</exception>
    internal static BootstrapPathModel Create(ReadOnlySpan<double> dailyLogReturns, ReadOnlySpan<double> dailyFunding, int blockLength)
    {
        if (dailyLogReturns.Length == 0) Preconditions.ThrowArgument(nameof(dailyLogReturns), "must contain at least one return");
        Preconditions.AllFinite(dailyLogReturns);
        if (dailyFunding.Length != 0) Preconditions.SameLength(dailyFunding.Length, dailyLogReturns.Length, nameof(dailyFunding), nameof(dailyLogReturns));
        GbmPathModel.CheckFunding(dailyFunding, nameof(dailyFunding));
        if (blockLength < 1 || blockLength > dailyLogReturns.Length)
            Preconditions.ThrowOutOfRange(nameof(blockLength), blockLength, $"must be in [1, {dailyLogReturns.Length}] (the number of returns): a block cannot be longer than the data");
        var funding = dailyFunding.Length == 0 ? new double[dailyLogReturns.Length] : dailyFunding.ToArray();
        return new BootstrapPathModel(funding, blockLength, dailyLogReturns.ToImmutableArray());
    }
}
