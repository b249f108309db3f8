using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>One maintenance-margin tier (Binance "leverage bracket", Bybit "risk limit") of a contract.</summary>
/// <remarks>
/// <para>A tier covers position notionals in (<see cref="NotionalFloor"/>, <see cref="NotionalCap"/>] (Binance:
/// "50,000 &lt; Position ≤ 250,000") and sets the
/// highest leverage allowed there and the maintenance margin:
/// <c>MM = notional · MaintenanceMarginRate − MaintenanceAmount</c> (Binance USDⓈ-M / COIN-M "Maintenance Margin =
/// Notional Position Value × Maintenance Margin Rate − Maintenance Amount"; Bybit calls the amount the
/// "MM deduction").</para>
/// <para>Units: notionals and the maintenance amount are in the contract's settlement asset (USDT for linear
/// contracts, the coin for inverse contracts). In a table whose <see cref="MarginTierTable.Basis"/> is
/// <see cref="TierBasis.Quantity"/> (OKX) the floor and cap are position sizes instead: contracts × contract value.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class MarginTier : IEquatable<MarginTier>
{
    /// <summary>Creates a validated tier.</summary>
    /// <param name="tier">The tier number, 1-based.</param>
    /// <param name="notionalFloor">The notional the tier starts above, ≥ 0.</param>
    /// <param name="notionalCap">The highest notional of the tier (inclusive), &gt; <paramref name="notionalFloor"/>.</param>
    /// <param name="maxLeverage">The highest leverage allowed in the tier, ≥ 1.</param>
    /// <param name="maintenanceMarginRate">The maintenance margin rate, a fraction in (0, 1).</param>
    /// <param name="maintenanceAmount">The maintenance amount (<c>cum</c>), ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any value breaks its rule above.</exception>
    public MarginTier(int tier, decimal notionalFloor, decimal notionalCap, decimal maxLeverage, decimal maintenanceMarginRate, decimal maintenanceAmount)
    {
        Preconditions.Positive(tier);
        Preconditions.NonNegative(notionalFloor);
        if (notionalCap <= notionalFloor)
            Preconditions.ThrowOutOfRange(nameof(notionalCap), notionalCap, $"must be greater than notionalFloor ({notionalFloor.ToString(CultureInfo.InvariantCulture)})");
        if (maxLeverage < 1m) Preconditions.ThrowOutOfRange(nameof(maxLeverage), maxLeverage, "must be at least 1");
        if (maintenanceMarginRate <= 0m || maintenanceMarginRate >= 1m)
            Preconditions.ThrowOutOfRange(nameof(maintenanceMarginRate), maintenanceMarginRate, "must be a fraction in the range (0, 1)");
        Preconditions.NonNegative(maintenanceAmount);
        Tier = tier;
        NotionalFloor = notionalFloor;
        NotionalCap = notionalCap;
        MaxLeverage = maxLeverage;
        MaintenanceMarginRate = maintenanceMarginRate;
        MaintenanceAmount = maintenanceAmount;
    }

    /// <summary>The tier number, 1-based.</summary>
    public int Tier { get; }
    /// <summary>The notional the tier starts above (the previous tier's cap), in the settlement asset.</summary>
    public decimal NotionalFloor { get; }
    /// <summary>The highest notional of the tier (inclusive), in the settlement asset.</summary>
    public decimal NotionalCap { get; }
    /// <summary>The highest leverage allowed for a position whose notional falls in this tier.</summary>
    public decimal MaxLeverage { get; }
    /// <summary>The maintenance margin rate (fraction).</summary>
    public decimal MaintenanceMarginRate { get; }
    /// <summary>The maintenance amount (Binance <c>cum</c>, Bybit "MM deduction"), in the settlement asset.</summary>
    public decimal MaintenanceAmount { get; }

    /// <summary>The initial margin rate of the tier at its maximum leverage, <c>1 / MaxLeverage</c>.</summary>
    public decimal InitialMarginRate => 1m / MaxLeverage;

    /// <summary>The maintenance margin of a position of the given notional: <c>notional · MMR − cum</c>.</summary>
    /// <param name="notional">The position notional in the settlement asset.</param>
    /// <returns>The maintenance margin in the settlement asset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="notional"/> is negative.</exception>
    public decimal MaintenanceMargin(decimal notional) => MaintenanceMarginUnchecked(Preconditions.NonNegative(notional));

    /// <summary>The maintenance margin rule, <c>notional · MMR − amount</c>, without the check (the one place it is written).</summary>
    internal decimal MaintenanceMarginUnchecked(decimal notional) => notional * MaintenanceMarginRate - MaintenanceAmount;

    /// <summary>The fast twin of <see cref="MaintenanceMarginUnchecked"/> for the liquidation solver: the same value, the
    /// subtraction skipped when the amount is zero (<paramref name="noAmount"/>, read from the table's double copy) and
    /// done by <see cref="DecimalFast.Subtract"/> otherwise.</summary>
    internal decimal MaintenanceMarginFast(decimal notional, bool noAmount) =>
        noAmount ? notional * MaintenanceMarginRate : DecimalFast.Subtract(notional * MaintenanceMarginRate, MaintenanceAmount);

    /// <summary>Whether a notional lies in (floor, cap]; the first tier (floor 0) also holds a notional of 0.</summary>
    /// <param name="notional">The notional in the settlement asset.</param>
    /// <returns>True when the notional falls in this tier.</returns>
    public bool Contains(decimal notional) => (notional > NotionalFloor || (NotionalFloor == 0m && notional == 0m)) && notional <= NotionalCap;

    /// <inheritdoc />
    public bool Equals(MarginTier? other) => other is not null && Tier == other.Tier && NotionalFloor == other.NotionalFloor
        && NotionalCap == other.NotionalCap && MaxLeverage == other.MaxLeverage
        && MaintenanceMarginRate == other.MaintenanceMarginRate && MaintenanceAmount == other.MaintenanceAmount;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MarginTier t && Equals(t);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Tier, NotionalFloor, NotionalCap, MaxLeverage, MaintenanceMarginRate, MaintenanceAmount);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"tier {Tier}: ({NotionalFloor}, {NotionalCap}] max {MaxLeverage}x MMR {MaintenanceMarginRate} cum {MaintenanceAmount}");
}
