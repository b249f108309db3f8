using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HedgeMath.Signals;

namespace HedgeMath.Tests;

/// <summary>
/// The batch indicators return one reading per bar (<see cref="MacdValue"/>, <see cref="BollingerValue"/>,
/// <see cref="AtrValue"/>); the tests compare whole series, so these read one output of every bar as a column.
/// </summary>
internal static class IndicatorColumns
{
    extension(ImmutableArray<MacdValue> rows)
    {
        public ImmutableArray<double> Line => Column(rows, v => v.Line);
        public ImmutableArray<double> Signal => Column(rows, v => v.Signal);
        public ImmutableArray<double> Histogram => Column(rows, v => v.Histogram);
    }

    extension(ImmutableArray<BollingerValue> rows)
    {
        public ImmutableArray<double> Upper => Column(rows, v => v.Upper);
        public ImmutableArray<double> Middle => Column(rows, v => v.Middle);
        public ImmutableArray<double> Lower => Column(rows, v => v.Lower);
        public ImmutableArray<double> PercentB => Column(rows, v => v.PercentB);
        public ImmutableArray<double> Width => Column(rows, v => v.Width);
        public ImmutableArray<double> ZScore => Column(rows, v => v.ZScore);
    }

    extension(ImmutableArray<AtrValue> rows)
    {
        public ImmutableArray<double> TrueRange => Column(rows, v => v.TrueRange);
        public ImmutableArray<double> Atr => Column(rows, v => v.Atr);
        public ImmutableArray<double> AtrPercent => Column(rows, v => v.AtrPercent);
    }

    private static ImmutableArray<double> Column<T>(ImmutableArray<T> rows, Func<T, double> part)
    {
        var column = new double[rows.Length];
        for (int i = 0; i < column.Length; i++) column[i] = part(rows[i]);
        return ImmutableCollectionsMarshal.AsImmutableArray(column);
    }
}
