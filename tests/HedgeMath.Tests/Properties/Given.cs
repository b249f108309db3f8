using FsCheck;
using FsCheck.Fluent;

namespace HedgeMath.Tests.Properties;

/// <summary>Preconditions for FsCheck properties: a case that does not meet one is discarded (FsCheck counts and reports it), never passed.</summary>
public static class Given
{
    /// <summary>Checks <paramref name="check"/> only for cases where <paramref name="condition"/> holds; the others are discarded.</summary>
    public static Property That(bool condition, Func<bool> check) => Prop.When(check, condition);
}
