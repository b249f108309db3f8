using HedgeMath.Signals;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// The squeeze's filter (sliding maxima of the widths, in the block's scratch) only skips rank counts that cannot make a
/// squeeze, so the rules without it give the same signals: <see cref="SignalStream"/> (a one-bar block) passes no
/// scratch. Here whole series go through blocks of every size with no scratch and are compared with the block pipeline
/// that has it (<see cref="SignalEngine.Evaluate"/>), on readings drawn so that squeezes come and go.
/// </summary>
public class SignalEngineScratchTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 2)]
    [InlineData(9, 3)]
    [InlineData(64, 4)]
    [InlineData(SignalEngine.Chunk, 5)]
    public void BlocksWithoutScratch_GiveTheSignalsOfThePipeline(int block, int seed)
    {
        var o = SignalOptions.Default;
        const int n = 3_000;
        var rng = new Random(seed);
        double[] close = new double[n], rsi = new double[n], hist = new double[n], pctB = new double[n], width = new double[n];
        for (int i = 0; i < n; i++)
        {
            close[i] = 100 + (10 * Math.Sin(i / 17.0));
            rsi[i] = i < 14 ? double.NaN : rng.NextDouble() * 100;
            hist[i] = i < 33 ? double.NaN : (rng.NextDouble() - 0.5) * 2;
            pctB[i] = i < 19 ? double.NaN : (rng.NextDouble() * 1.6) - 0.3;
            // Widths drifting down and up over a few hundred bars: long runs of low ranks (squeezes) and long runs without.
            width[i] = i < 19 || i == 1_500 ? double.NaN : 0.05 + (0.04 * Math.Sin(i / 90.0)) + (0.01 * rng.NextDouble());
        }
        var expected = new SignalKinds[n];
        SignalEngine.Evaluate(close, rsi, hist, pctB, width, o, expected);

        var actual = new SignalKinds[n];
        int history = Math.Min(o.SqueezeLookbackPeriods, n);
        var histBuffer = new double[block + 1];
        histBuffer[0] = double.NaN;
        var widths = new double[history + block];
        widths.AsSpan(0, history).Fill(double.NaN);
        var rules = new SignalEngine.Rules(o);
        var state = SignalEngine.EngineState.Initial;
        for (int start = 0; start < n; start += block)
        {
            int count = Math.Min(block, n - start);
            hist.AsSpan(start, count).CopyTo(histBuffer.AsSpan(1));
            width.AsSpan(start, count).CopyTo(widths.AsSpan(history));
            SignalEngine.EvaluateBlock(start, close.AsSpan(start, count), rsi.AsSpan(start, count), histBuffer, pctB.AsSpan(start, count),
                widths.AsSpan(0, history + count), [], history, rules, actual.AsSpan(start, count), ref state);
            histBuffer[0] = histBuffer[count];
            widths.AsSpan(count, history).CopyTo(widths);
        }

        Assert.Equal(expected, actual);
        int squeezes = expected.Count(a => (a & SignalKinds.Squeeze) != 0);
        Assert.InRange(squeezes, 100, n - 500); // the case holds squeezes and bars without
    }
}
