namespace HedgeMath.Positions;

/// <summary>The value of an account in one valuation currency.</summary>
public sealed record AccountValue
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal AccountValue(decimal wallets, decimal spot, decimal isolatedMargins, decimal unrealizedPnl, decimal total)
    {
        Wallets = wallets;
        Spot = spot;
        IsolatedMargins = isolatedMargins;
        UnrealizedPnl = unrealizedPnl;
        Total = total;
    }

    /// <summary>Cross wallet balances.</summary>
    public decimal Wallets { get; }

    /// <summary>Spot holdings at their prices.</summary>
    public decimal Spot { get; }

    /// <summary>Isolated margins held by positions.</summary>
    public decimal IsolatedMargins { get; }

    /// <summary>Unrealized PnL of all futures positions at their marks.</summary>
    public decimal UnrealizedPnl { get; }

    /// <summary>The sum: what the account is worth if everything were closed at these prices (before fees).</summary>
    public decimal Total { get; }
}
