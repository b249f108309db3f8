using HedgeMath.Positions;

namespace HedgeMath.Exchanges.Tests;

/// <summary><see cref="PositionsCsv"/>: the positions file <c>positions import --out</c> writes and <c>risk --positions-csv</c> reads.</summary>
public sealed class PositionsCsvTests
{
    private static readonly PositionsCsvRow[] Book =
    [
        // The README's worked example as Binance reports it (short 0.5 BTC at 50,000, 10x, wallet 2,500), and a long with
        // trailing zeros and an exponent-sized quantity, to check the numbers come back exactly as held.
        new(Side.Short, 0.500m, 50000.0m, 2500.00000000m, 50000.00000000m, 10m),
        new(Side.Long, 0.00000001m, 43123.45m, 12.5m, 42000m, 125m),
    ];

    [Fact]
    public void Write_IsTheDocumentedLayout_ByteForByte()
    {
        // The header, then side,quantity,entry,margin,mark,leverage with each decimal as held (0.500 stays 0.500), '\n' line ends.
        Assert.Equal("side,quantity,entry,margin,mark,leverage\nshort,0.500,50000.0,2500.00000000,50000.00000000,10\nlong,0.00000001,43123.45,12.5,42000,125\n",
            PositionsCsv.Write(Book));
    }

    [Fact]
    public void Write_ThenParse_RoundTrips_WithAndWithoutLeverage()
    {
        Assert.Equal(Book, PositionsCsv.Parse(new StringReader(PositionsCsv.Write(Book))).ToArray());
        PositionsCsvRow[] noLeverage = [.. Book.Select(r => r with { Leverage = null })];
        string text = PositionsCsv.Write(noLeverage);
        Assert.StartsWith("side,quantity,entry,margin,mark\n", text, StringComparison.Ordinal);
        Assert.Equal(noLeverage, PositionsCsv.Parse(new StringReader(text)).ToArray());
        // Scales survive: 0.500 is written and read back as 0.500, not 0.5.
        Assert.Equal(3, PositionsCsv.Parse(new StringReader(PositionsCsv.Write(Book)))[0].Quantity.Scale);
    }

    [Fact]
    public void Parse_AcceptsBuySell_Blanks_SpacesAndExponents()
    {
        var rows = PositionsCsv.Parse(new StringReader("Side, Quantity ,entry,margin,mark\n\nbuy, 1e-3 ,40000,400,39000\n  \nSELL,2,3000,600,3100\n"));
        PositionsCsvRow[] expected = [new(Side.Long, 0.001m, 40000m, 400m, 39000m, null), new(Side.Short, 2m, 3000m, 600m, 3100m, null)];
        Assert.Equal(expected, rows.ToArray());
    }

    [Theory]
    [InlineData("side,quantity,entry,margin,mark\nlong,abc,40000,400,39000\n", "line 2, column 2 (quantity): 'abc' is not a number")]
    [InlineData("side,quantity,entry,margin,mark\nlong,1,40000,400,39000\nshort,1,40000,4OO,39000\n", "line 3, column 4 (margin): '4OO' is not a number")]
    [InlineData("side,quantity,entry,margin,mark,leverage\nlong,1,40000,400,39000,1e999\n", "line 2, column 6 (leverage): '1e999' is not a number")]
    // A thousands separator (40,000) would shift the columns: the mark read as a leverage. A row has the header's columns, no more.
    [InlineData("side,quantity,entry,margin,mark\nlong,1,40,000,400,39000\n", "line 2: expected 5 fields as in the header (side,quantity,entry,margin,mark); got 6 in 'long,1,40,000,400,39000'")]
    [InlineData("side,quantity,entry,margin,mark\nhold,1,40000,400,39000\n", "line 2, column 1 (side): 'hold' must be long or short")]
    [InlineData("side,quantity,entry,margin,mark\n\nlong,1,40000,400\n", "line 3: expected 5 fields as in the header (side,quantity,entry,margin,mark); got 4 in 'long,1,40000,400'")]
    [InlineData("side,quantity,entry,margin,mark,leverage\nlong,1,40000,400,39000,10\nlong,1,40000,400,39000\n", "line 3: expected 6 fields as in the header (side,quantity,entry,margin,mark,leverage); got 5")]
    [InlineData("side,quantity,entry,margin,mark\nlong,1,40000,400,39000\nlong,1,40000,400,39000,10\n", "line 3: expected 5 fields as in the header (side,quantity,entry,margin,mark); got 6")]
    [InlineData("long,1,40000,400,39000\n", "line 1: expected the header side,quantity,entry,margin,mark[,leverage]; got 'long,1,40000,400,39000'")]
    [InlineData("side,quantity,entry,margin,mark,lev\n", "line 1: expected the header")]
    [InlineData("side,quantity,entry,margin,mark\n", "has a header but no rows")]
    [InlineData("", "is empty")]
    public void Parse_BadFile_NamesTheLineAndColumn(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => PositionsCsv.Parse(new StringReader(text)));
        Assert.Equal("reader", ex.ParamName);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MixedLeverage_OrNulls_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => PositionsCsv.Write([Book[0], Book[1] with { Leverage = null }]));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => PositionsCsv.Write(null!));
        Assert.Throws<ArgumentNullException>(() => PositionsCsv.Write([Book[0], null!]));
        Assert.Throws<ArgumentNullException>(() => PositionsCsv.Parse(null!));
        Assert.Equal("side,quantity,entry,margin,mark\n", PositionsCsv.Write([]));
    }
}
