using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;
namespace HedgeMath.Tests.Signals;

/// <summary>Support/resistance from swing highs and lows, the squeeze's FinishScaling and the middle-band target.</summary>
public class SwingLevelsTests
{
    private static List<Candle> Bars(params (decimal High, decimal Low, decimal Close)[] bars) =>
        bars.Select((b, i) => new Candle(new DateOnly(2024, 1, 1).AddDays(i), b.Close, b.High, b.Low, b.Close, 1m)).ToList();

    [Fact]
    public void SwingHigh_ConfirmedTwoBarsLater_GivesNearResistanceThenBreak()
    {
        // Highs 10, 11, 15, 12, 11: bar 2 is a swing high (15 > 10, 11 and > 12, 11), confirmed at bar 4 (strength 2).
        var c = Bars((10, 9, 9.5m), (11, 9, 10), (15, 12, 14), (12, 10, 11), (11, 9.5m, 10), (14.8m, 13, 14.8m), (16, 14, 15.5m), (15.6m, 15, 15.4m));
        var s = SignalSeries.FromCandles(c);
        Assert.True(double.IsNaN(s.Resistance[3]));                 // not yet confirmed at bar 3 (no look-ahead)
        Assert.Equal(15d, s.Resistance[4]);
        Assert.False(s[4].IsActive(SignalKinds.NearResistance));    // close 10 is 33 % below 15, beyond 2 %
        Assert.True(s[5].IsActive(SignalKinds.NearResistance));     // 15 × 0.98 = 14.7 ≤ 14.8 ≤ 15
        Assert.True(s[6].IsActive(SignalKinds.ResistanceBreak));    // 14.8 ≤ 15 < 15.5: crossed above
        Assert.False(s[7].IsActive(SignalKinds.ResistanceBreak));   // one bar only
        Assert.Equal(SignalKinds.ResistanceBreak, s.Fired[6] & SignalKinds.ResistanceBreak);
        // Swing low: bar 1? lows 9, 9 (tie, not strictly lower) — bar 4's low 9.5 is not below bar 1's 9: no support yet.
        Assert.True(double.IsNaN(s.Support[4]));
    }

    [Fact]
    public void SwingLow_GivesNearSupportThenBreak()
    {
        // Lows 12, 11, 8, 10, 11: bar 2 is a swing low at 8, confirmed at bar 4.
        var c = Bars((13, 12, 12.5m), (12, 11, 11.5m), (10, 8, 9), (11, 10, 10.5m), (12, 11, 11.5m), (9, 8.05m, 8.1m), (8.2m, 7, 7.5m));
        var s = SignalSeries.FromCandles(c);
        Assert.Equal(8d, s.Support[4]);
        Assert.True(s[5].IsActive(SignalKinds.NearSupport));  // 8 ≤ 8.1 ≤ 8 × 1.02 = 8.16
        Assert.True(s[6].IsActive(SignalKinds.SupportBreak)); // 8.1 ≥ 8 > 7.5
    }

    [Fact]
    public void FromValues_HasNoLevels()
    {
        var s = SignalSeries.FromCloses([1, 2, 3, 2, 1, 2, 3]);
        Assert.All(s.Resistance, r => Assert.True(double.IsNaN(r)));
        Assert.All(s.Active, a => Assert.Equal(SignalKinds.None, a & (SignalKinds.NearResistance | SignalKinds.ResistanceBreak | SignalKinds.NearSupport | SignalKinds.SupportBreak)));
    }

    [Fact]
    public void Squeeze_Alone_SuggestsFinishScaling_AndLosesToDirectionalActions()
    {
        Assert.Equal(SuggestedAction.FinishScaling, Confluence.Evaluate(SignalKinds.Squeeze).Action);
        Assert.Equal(SuggestedAction.ScaleOut, Confluence.Evaluate(SignalKinds.Squeeze | SignalKinds.RsiOverbought | SignalKinds.UpperBandTouch).Action);
        Assert.Equal(SuggestedAction.CautionBeforeAdding, Confluence.Evaluate(SignalKinds.Squeeze | SignalKinds.RsiOversold).Action);
        // Level flags carry no vote.
        var c = Confluence.Evaluate(SignalKinds.NearResistance | SignalKinds.ResistanceBreak | SignalKinds.NearSupport | SignalKinds.SupportBreak);
        Assert.Equal((0, 0, SuggestedAction.Hold), (c.BearishCount, c.BullishCount, c.Action));
    }

    [Fact]
    public void MiddleBandTarget_OnlyWithABandSignal()
    {
        // Bands 90 / 100 / 110: close 109 has %B = 0.95, an upper-band touch; the target is the middle band, a move of 100/109 − 1.
        double nan = double.NaN;
        var s = SignalSeries.FromValues([100, 109], [nan, nan], [nan, nan], [nan, nan], [110, 110], [100, 100], [90, 90]);
        Assert.True(double.IsNaN(s[0].MiddleBandTarget));
        Assert.True(s[1].IsActive(SignalKinds.UpperBandTouch));
        Assert.Equal(100d, s[1].MiddleBandTarget);
        Assert.Equal(100d / 109d - 1d, s[1].MoveToMiddleBand, 12);
    }

    [Fact]
    public void Options_SwingStrengthAndTolerance_Validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalOptions { SwingStrength = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalOptions { LevelTolerance = 0.6 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalOptions { LevelTolerance = double.NaN });
    }
}
