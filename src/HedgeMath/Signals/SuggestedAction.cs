namespace HedgeMath.Signals;

/// <summary>What a hedge policy may do on a bar, as suggested by <see cref="Confluence"/>.</summary>
public enum SuggestedAction
{
    /// <summary>Nothing agrees enough to act.</summary>
    Hold = 0,
    /// <summary>Sell a fraction of the spot holding (<see cref="Confluence.Amount"/>), or tighten the hedge by it.</summary>
    ScaleOut = 1,
    /// <summary>Raise the hedge ratio temporarily by <see cref="Confluence.Amount"/>.</summary>
    RaiseHedge = 2,
    /// <summary>Lower the hedge ratio by <see cref="Confluence.Amount"/>.</summary>
    LowerHedge = 3,
    /// <summary>Oversold without confirmation: do not add to the hedge (or sell spot) at this level.</summary>
    CautionBeforeAdding = 4,
    /// <summary>A squeeze is on and nothing else suggests a trade: a large move may be imminent, so finish any scaling (the remaining ladder rungs, the planned hedge) before it.</summary>
    FinishScaling = 5,
}
