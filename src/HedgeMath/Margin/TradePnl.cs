using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>A closed trade's PnL net of fees and funding (linear, quote asset).</summary>
public sealed record TradePnl
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal TradePnl(decimal openValue, decimal closeValue, decimal profit, decimal returnOnMargin, decimal feesPaid, decimal funding)
    {
        OpenValue = openValue;
        CloseValue = closeValue;
        Profit = profit;
        ReturnOnMargin = returnOnMargin;
        FeesPaid = feesPaid;
        Funding = funding;
    }

    /// <summary>Cost of the open including its fee (long) or proceeds net of fee (short).</summary>
    public decimal OpenValue { get; }

    /// <summary>Proceeds of the close net of fee plus funding (long) or cost plus fee minus funding (short).</summary>
    public decimal CloseValue { get; }

    /// <summary>Net profit (positive is a gain).</summary>
    public decimal Profit { get; }

    /// <summary>Profit relative to the margin, a fraction (see the formula on <see cref="Fees.PnlWithFeesAndFunding(Side, decimal, decimal, decimal, decimal, decimal, decimal)"/>).</summary>
    public decimal ReturnOnMargin { get; }

    /// <summary>Open fee + close fee.</summary>
    public decimal FeesPaid { get; }

    /// <summary>Funding cash flow included (+ received, − paid).</summary>
    public decimal Funding { get; }
}
