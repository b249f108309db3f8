using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Engine;

/// <summary>
/// A <see cref="HedgeBook"/> changed in place: the legs as <see cref="LegCore"/> values in one array, the steps
/// (<see cref="Fund"/>, <see cref="Move"/>, <see cref="TradeTo"/>, stops) the engine's own per-leg steps, so a bar on which
/// nothing trades allocates nothing (isolated legs; a cross leg's wallet is an immutable dictionary, and cross liquidation
/// runs the engine's check on a built leg array). <see cref="ToBook"/> builds the immutable book it stands for: the same
/// book, leg for leg, that the <see cref="HedgeBook"/> steps give. Not thread-safe: owned by one plan stepper.
/// </summary>
internal sealed class BookCore
{
    private readonly ImmutableArray<SpotHolding> _spot;
    private readonly BookLeg[] _templates;
    private readonly LegCore[] _legs;
    private ImmutableDictionary<string, decimal> _wallets, _lost;

    public BookCore(HedgeBook book)
    {
        _spot = book.Spot;
        _templates = [.. book.Legs];
        _legs = new LegCore[_templates.Length];
        for (int i = 0; i < _legs.Length; i++) _legs[i] = new LegCore(_templates[i]);
        _wallets = book.CrossWallets;
        _lost = book.CrossMarginLost;
    }

    /// <summary>Changes each time the legs' money can have changed (a funding payment, an exit, a fill), so also each time a
    /// position can have changed; a stop's move does not change it.</summary>
    public int MoneyVersion { get; private set; }

    /// <summary>The number of legs.</summary>
    public int Count => _legs.Length;

    /// <summary>A leg's changing part (read it; change it through the steps).</summary>
    public ref readonly LegCore this[int leg] => ref _legs[leg];

    /// <summary>Whether any leg is open.</summary>
    public bool AnyOpen
    {
        get
        {
            foreach (ref readonly var l in _legs.AsSpan()) if (l.IsOpen) return true;
            return false;
        }
    }

    /// <summary>The immutable book (a new <see cref="BookLeg"/> per leg).</summary>
    public HedgeBook ToBook()
    {
        var legs = new BookLeg[_legs.Length];
        for (int i = 0; i < legs.Length; i++) legs[i] = _legs[i].ToLeg(_templates[i]);
        return HedgeBook.Of(_spot, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(legs), _wallets, _lost);
    }

    /// <summary><see cref="HedgeBook.Fund"/> on every open leg (or only those whose <paramref name="legAsset"/> is <paramref name="asset"/>: a plan over several assets); returns nothing, the payments are in the legs.</summary>
    public void Fund(in FundingPrint print, int[]? legAsset = null, int asset = 0)
    {
        HedgeBook.CheckPrint(print);
        for (int i = 0; i < _legs.Length; i++)
        {
            if (!_legs[i].IsOpen || (legAsset is not null && legAsset[i] != asset)) continue;
            decimal pay = _legs[i].Fund(print);
            MoneyVersion++;
            var t = _templates[i];
            if (t.MarginMode == MarginMode.Cross) _wallets = HedgeBook.Add(_wallets, t.Contract.SettlementAsset, pay);
        }
    }

    /// <summary><see cref="HedgeBook.Move"/>: stops and liquidations the interval reaches (on every leg, or only those whose
    /// <paramref name="legAsset"/> is <paramref name="asset"/>: a plan over several assets, whose cross legs share one underlying).</summary>
    public void Move(in PriceBar bar, int[]? legAsset = null, int asset = 0)
    {
        bool anyCross = false;
        for (int i = 0; i < _legs.Length; i++)
        {
            if (!_legs[i].IsOpen || (legAsset is not null && legAsset[i] != asset)) continue;
            var t = _templates[i];
            if (t.MarginMode == MarginMode.Cross) anyCross = true;
            if (!_legs[i].Move(t, bar, out decimal walletChange)) continue;
            MoneyVersion++;
            if (t.MarginMode == MarginMode.Cross) _wallets = HedgeBook.Add(_wallets, t.Contract.SettlementAsset, walletChange);
        }
        if (!anyCross) return;
        MoneyVersion++; // the cross check may liquidate
        // Cross legs of one asset are liquidated together: the engine's check on the legs as they stand.
        var built = new BookLeg[_legs.Length];
        for (int i = 0; i < built.Length; i++) built[i] = _legs[i].ToLeg(_templates[i]);
        var legs = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(built);
        var before = legs;
        HedgeBook.CrossLiquidations(ref legs, ref _wallets, ref _lost, bar, null);
        for (int i = 0; i < built.Length; i++)
            if (!ReferenceEquals(legs[i], before[i])) _legs[i] = new LegCore(legs[i]);
    }

    /// <summary><see cref="HedgeBook.TradeTo"/> in place.</summary>
    public TradeFill TradeTo(int leg, decimal targetQuantity, decimal price)
    {
        var t = _templates[leg];
        var fill = _legs[leg].TradeTo(t, targetQuantity, price, maker: false, out decimal walletChange);
        if (fill.FilledQuantity > 0m)
        {
            MoneyVersion++;
            if (t.MarginMode == MarginMode.Cross) _wallets = HedgeBook.Add(_wallets, t.Contract.SettlementAsset, walletChange);
        }
        return fill;
    }

    /// <summary><see cref="HedgeBook.WithStop"/> in place (null: no stop).</summary>
    public void RemoveStop(int leg) => _legs[leg].SetStop(null);

    /// <summary>A stop on a leg by its values (no order object is built until the book is).</summary>
    public void SetStop(int leg, decimal price, TriggerPrice trigger, decimal slippage) => _legs[leg].SetStop(price, trigger, slippage);

    /// <summary><see cref="NetPnl(string, decimal)"/> with each leg's own mark (<paramref name="legMarks"/>, by leg: a plan over several assets).</summary>
    public decimal NetPnl(string settlementAsset, ReadOnlySpan<decimal> legMarks)
    {
        decimal sum = 0m;
        for (int i = 0; i < _legs.Length; i++)
        {
            ref readonly var l = ref _legs[i];
            if (_templates[i].Contract.SettlementAsset == settlementAsset)
                sum += l.NetPnl + (l.Position is { } p ? p.UnrealizedPnl(legMarks[i]) : 0m);
        }
        return sum - (_lost.TryGetValue(settlementAsset, out var x) ? x : 0m);
    }

    /// <summary><see cref="HedgeBook.NetPnl"/>: the legs settling in one asset, realized − fees + funding + unrealized at a mark, less cross margin lost.</summary>
    public decimal NetPnl(string settlementAsset, decimal markPrice)
    {
        decimal sum = 0m;
        for (int i = 0; i < _legs.Length; i++)
        {
            ref readonly var l = ref _legs[i];
            if (_templates[i].Contract.SettlementAsset == settlementAsset)
                sum = DecimalFast.Add(sum, DecimalFast.Add(l.NetPnl, l.Position is { } p ? p.UnrealizedPnl(markPrice) : 0m));
        }
        // Bit for bit the decimal operators (DecimalFast); no lookup (a string hash) while no cross margin was lost.
        return DecimalFast.Subtract(sum, !_lost.IsEmpty && _lost.TryGetValue(settlementAsset, out var x) ? x : 0m);
    }
}
