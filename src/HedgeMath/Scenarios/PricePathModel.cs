using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>How Monte Carlo price paths (and the funding along them) are generated: <see cref="GbmPathModel"/> or <see cref="BootstrapPathModel"/>.</summary>
/// <remarks>Steps are days. Immutable and thread-safe.</remarks>
public abstract class PricePathModel
{
    private protected PricePathModel() { }

    /// <summary>A short description for reports.</summary>
    public abstract string Name { get; }
}
