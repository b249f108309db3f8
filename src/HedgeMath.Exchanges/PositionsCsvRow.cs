using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>One position of a <see cref="PositionsCsv"/> file.</summary>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">The size in the contract's unit: base units on a linear contract, contracts on an inverse one.</param>
/// <param name="EntryPrice">The average entry price, in the quote asset.</param>
/// <param name="Margin">The isolated margin (wallet), in the settlement asset.</param>
/// <param name="MarkPrice">The mark price, in the quote asset.</param>
/// <param name="Leverage">The leverage, or null when the file has no leverage column.</param>
/// <remarks>A plain row as read or to write: the values are not validated here (the margin calculation that takes them does).</remarks>
public sealed record PositionsCsvRow(Side Side, decimal Quantity, decimal EntryPrice, decimal Margin, decimal MarkPrice, decimal? Leverage);
