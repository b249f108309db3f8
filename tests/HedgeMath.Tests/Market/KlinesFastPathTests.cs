using System.Globalization;
using HedgeMath.Market;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Market;

/// <summary>The span-based kline reader and MarketParse's plain-number fast path, checked against the framework parsers.</summary>
public class KlinesFastPathTests
{
    // The reference is the framework's decimal.Parse (NumberStyles.Float, invariant culture): the fast path must give the
    // same value AND the same scale (decimal.GetBits), e.g. "42000.10" keeps its trailing zero.
    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("42283.58")]
    [InlineData("42775.00")]
    [InlineData("0.00001000")]
    [InlineData("000123.4500")]
    [InlineData(".5")]
    [InlineData("1271.68108")]
    [InlineData("9999999999999999999")]      // 19 digits: the largest the fast path takes
    [InlineData("0.000000000000000001")]
    [InlineData("17928899.62484339")]
    public void TryPlainDecimal_SameValueAndScaleAsDecimalParse(string text)
    {
        Assert.True(MarketParse.TryPlainDecimal(text, out var fast));
        var framework = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(decimal.GetBits(framework), decimal.GetBits(fast));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.")]                       // left to the framework (it accepts it)
    [InlineData("-1.5")]
    [InlineData("1e5")]
    [InlineData(" 1.5")]
    [InlineData("1.5 ")]
    [InlineData("1.2.3")]
    [InlineData("12345678901234567890")]     // 20 digits
    [InlineData("1,5")]
    [InlineData("x")]
    public void TryPlainDecimal_AnythingElse_LeftToTheFramework(string text) =>
        Assert.False(MarketParse.TryPlainDecimal(text, out _));

    [Theory]
    [InlineData("1e5", "100000")]
    [InlineData(" 1.5 ", "1.5")]
    [InlineData("1.", "1")]
    [InlineData("123456789012345678901234.5", "123456789012345678901234.5")]
    public void Dec_FallbackStillReadsWhatTheFrameworkReads(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), MarketParse.Dec(text, "csv", 1, "open"));

    [Theory]
    [InlineData("1704067200000", 1704067200000L)]
    [InlineData("1704067200000000", 1704067200000000L)]
    [InlineData("0", 0L)]
    public void TryPlainLong_ReadsDigits(string text, long expected)
    {
        Assert.True(MarketParse.TryPlainLong(text, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.0")]
    [InlineData("1234567890123456789")]      // 19 digits: left to long.TryParse
    public void TryPlainLong_AnythingElse_LeftToTheFramework(string text) =>
        Assert.False(MarketParse.TryPlainLong(text, out _));

    private const string Row1 = "1704067200000,42283.58,42554.57,42261.02,42475.23,1271.68108,1704070799999,53957248.97,47134,682.57581,28957416.82,0";
    private const string Row2 = "1704070800000,42475.23,42775.00,42431.65,42613.56,1196.37856,1704074399999,50984893.20,45593,712.31123,30356498.15,0";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ParseBinanceCsv_AnyLineBreak_SameCandles(string eol)
    {
        var k = Candle.ParseBinanceCsv(Row1 + eol + Row2 + eol);
        Assert.Equal(2, k.Length);
        Assert.Equal(42613.56m, k[1].Close);
        // The TextReader overload reads the same text the same way.
        Assert.Equal(k.ToArray(), Candle.ParseBinanceCsv(new StringReader(Row1 + eol + Row2)).ToArray());
    }

    [Fact]
    public void ParseBinanceCsv_BlankLinesCountInTheLineNumber()
    {
        // Line 1 is Row2, line 2 blank, line 3 Row1 (earlier than Row2): the error names line 3, as a text editor would.
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv(Row2 + "\n\n" + Row1 + "\n"));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("open_time", ex.Message);
    }

    [Fact]
    public void ParseBinanceCsv_SpacesAroundNumbers_StillRead()
    {
        var k = Assert.Single(Candle.ParseBinanceCsv(Row1.Replace(",42554.57,", ", 42554.57 ,")));
        Assert.Equal(42554.57m, k.High);
    }

    [Fact]
    public void ParseBinanceCsv_TooFewFields_NamesTheMissingColumn()
    {
        // "1704067200000,1,2,0.5,1.5" has 5 fields; the first missing one is 'volume'.
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv("1704067200000,1,2,0.5,1.5\n"));
        Assert.Contains("line 1", ex.Message);
        Assert.Contains("'volume'", ex.Message);
        Assert.Contains("5 fields", ex.Message);
    }

    [Fact]
    public void ParseBinanceCsv_EmptyFirstField_IsAnErrorNotAHeader()
    {
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv("," + Row1[(Row1.IndexOf(',') + 1)..]));
        Assert.Contains("line 1", ex.Message);
        Assert.Contains("open_time", ex.Message);
    }

    [Fact]
    public void ParseBinanceCsv_LowAboveOpen_NamesLineAndColumn()
    {
        // low 42300 > open 42283.58: rejected by the candle's own rule, reported with the line.
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv(Row1.Replace("42261.02", "42300") + "\n"));
        Assert.Contains("line 1", ex.Message);
        Assert.Contains("'low'", ex.Message);
    }

    [Fact]
    public void ParseBinanceCsv_Empty_Rejected() => BadInput.Throws("csv", () => Candle.ParseBinanceCsv(""));

    [Fact]
    public void ParseBinanceCsv_TenThousandRows_AllReadInOrder()
    {
        // 1-minute bars: open_time = t0 + 60,000·i ms, close_time = open_time + 59,999 → interval 1 minute.
        var sb = new System.Text.StringBuilder();
        const long t0 = 1704067200000L;
        for (int i = 0; i < 10_000; i++)
            sb.Append(FormattableString.Invariant($"{t0 + 60_000L * i},100.{i % 100:00},101,99,100.5,{i}.25,{t0 + 60_000L * i + 59_999},0,0,0,0,0\n"));
        var k = Candle.ParseBinanceCsv(sb.ToString());
        Assert.Equal(10_000, k.Length);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(t0 + 60_000L * 9_999), k[^1].Timestamp);
        Assert.Equal(9_999.25m, k[^1].Volume);
        Assert.Equal(100.99m, k[99].Open);
        Assert.All(k, c => Assert.Equal(TimeSpan.FromMinutes(1), c.Interval));
    }
}
