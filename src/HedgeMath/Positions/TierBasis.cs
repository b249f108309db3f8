namespace HedgeMath.Positions;

/// <summary>What the bounds of a maintenance tier table measure.</summary>
/// <remarks>
/// Binance brackets and Bybit risk limits bound the position's <b>notional</b> in the settlement asset, so the tier of a
/// position moves with the price. OKX position tiers bound the position's <b>size</b> in contracts
/// (<c>GET /api/v5/public/position-tiers</c>: <c>minSz</c>/<c>maxSz</c> "the minimum/maximum position of this tier"), so
/// the tier of a position does not move with the price; HedgeMath stores such bounds as contracts × contract value
/// (<c>ctVal</c>): base units for a linear contract (BTC), the quote value for an inverse one (USD).
/// </remarks>
public enum TierBasis
{
    /// <summary>Bounds are notionals in the settlement asset (Binance, Bybit). The default.</summary>
    Notional = 0,
    /// <summary>Bounds are position sizes, contracts × contract value: base units (linear) or quote value (inverse) (OKX).</summary>
    Quantity = 1,
}
