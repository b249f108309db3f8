using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A cross-margin account of one settlement asset: its cross wallet balance and its cross positions.</summary>
/// <remarks>
/// <para>Binance shares cross margin only within one asset ("all BTC in the COIN-M Futures wallet can be used for
/// all BTC-based contracts"; USDⓈ-M: the USDT wallet for USDT contracts), so every position here must settle in
/// <see cref="SettlementAsset"/> and be in <see cref="MarginMode.Cross"/>. One-way mode allows one position per
/// symbol; hedge mode one long and one short per symbol. Immutable and thread-safe.</para>
/// </remarks>
public sealed class CrossAccount
{
    private CrossAccount(string settlementAsset, decimal walletBalance, PositionMode mode, ImmutableArray<Position> positions)
    {
        SettlementAsset = settlementAsset; WalletBalance = walletBalance; PositionMode = mode; Positions = positions;
    }

    /// <summary>The asset of the cross wallet, of every position's margin and PnL.</summary>
    public string SettlementAsset { get; }
    /// <summary>The cross wallet balance (deposits plus realized PnL, excluding isolated margins), in the settlement asset.</summary>
    public decimal WalletBalance { get; }
    /// <summary>One-way or hedge mode.</summary>
    public PositionMode PositionMode { get; }
    /// <summary>The cross positions.</summary>
    public ImmutableArray<Position> Positions { get; }

    /// <summary>Creates a validated cross account.</summary>
    /// <param name="settlementAsset">The wallet asset, e.g. <c>USDT</c> or <c>BTC</c>.</param>
    /// <param name="walletBalance">The cross wallet balance, ≥ 0.</param>
    /// <param name="positions">The cross positions (may be empty).</param>
    /// <param name="mode">One-way (default) or hedge mode.</param>
    /// <returns>The account.</returns>
    /// <exception cref="ArgumentNullException">An argument or a position is null.</exception>
    /// <exception cref="ArgumentException">A position settles in another asset (mixed settlement assets), is isolated, or breaks the position mode.</exception>
    public static CrossAccount Create(string settlementAsset, decimal walletBalance, IEnumerable<Position> positions, PositionMode mode = PositionMode.OneWay)
    {
        Preconditions.NotNullOrWhiteSpace(settlementAsset);
        Preconditions.NonNegative(walletBalance);
        Preconditions.NotNull(positions);
        Preconditions.Defined(mode);
        var list = positions.ToImmutableArray();
        for (int i = 0; i < list.Length; i++)
        {
            var p = list[i];
            if (p is null) Preconditions.ThrowArgument(nameof(positions), $"contains null at index {i}");
            if (p.SettlementAsset != settlementAsset)
                Preconditions.ThrowArgument(nameof(positions), $"mixes settlement assets in one cross account: position {i} ({p.Contract.Symbol}) settles in {p.SettlementAsset}, the account in {settlementAsset}");
            if (p.MarginMode != MarginMode.Cross)
                Preconditions.ThrowArgument(nameof(positions), $"must hold cross positions only; position {i} ({p.Contract.Symbol}) is isolated");
        }
        Account.CheckPositionMode(list, mode, nameof(positions));
        return new CrossAccount(settlementAsset, walletBalance, mode, list);
    }

    /// <summary>The same account with another wallet balance.</summary>
    /// <param name="walletBalance">The new cross wallet balance, ≥ 0.</param>
    /// <returns>The account.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="walletBalance"/> is negative.</exception>
    public CrossAccount WithWalletBalance(decimal walletBalance)
    {
        Preconditions.NonNegative(walletBalance);
        return new CrossAccount(SettlementAsset, walletBalance, PositionMode, Positions);
    }
}
