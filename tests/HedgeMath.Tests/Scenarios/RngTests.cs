using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

public class RngTests
{
    [Fact]
    public void NextNormal_HasStandardNormalMomentsAndTails()
    {
        var rng = new Rng(12345, 0);
        const int n = 400_000;
        double sum = 0, sumSq = 0; int below = 0, beyond3 = 0, beyond35 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = rng.NextNormal();
            sum += z; sumSq += z * z;
            if (z < -1.6448536269514722) below++;   // Φ⁻¹(0.05)
            if (Math.Abs(z) > 3) beyond3++;           // 2·(1 − Φ(3)) = 0.0026998
            if (z > 3.5) beyond35++;                  // 1 − Φ(3.5) = 0.00023263
        }
        double mean = sum / n, variance = sumSq / n - mean * mean;
        Assert.InRange(mean, -0.006, 0.006);
        Assert.InRange(variance, 0.99, 1.01);
        Assert.InRange(below / (double)n, 0.0485, 0.0515);
        Assert.InRange(beyond3 / (double)n, 0.0023, 0.0031);
        Assert.InRange(beyond35 / (double)n, 0.00015, 0.00032);
    }

    [Fact]
    public void Streams_AreReproducibleAndDistinct()
    {
        var a = new Rng(7, 3); var b = new Rng(7, 3); var c = new Rng(7, 4);
        ulong x = a.NextULong();
        Assert.Equal(x, b.NextULong());
        Assert.NotEqual(x, c.NextULong());
    }
}
