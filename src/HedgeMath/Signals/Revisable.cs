using System.Diagnostics.CodeAnalysis;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>The bar count every streaming indicator's state keeps.</summary>
internal interface IStreamState
{
    /// <summary>Bars applied.</summary>
    int Count { get; }
}

/// <summary>
/// The scaffolding every streaming indicator shares: its state after the last bar and the state before it, so the last
/// bar can be revised (<see cref="IIndicatorStream{TInput, TValue}.ReplaceLast"/>) by re-applying it to the state before.
/// A mutable struct held in a field of its stream (never copied): <see cref="Advance"/> and <see cref="Revise"/> return
/// the state to step in place.
/// </summary>
internal struct Revisable<TState> where TState : struct, IStreamState
{
    private TState _current, _before;

    /// <summary>The state after the last bar.</summary>
    [UnscopedRef]
    public readonly ref readonly TState Current => ref _current;

    /// <summary>A new bar: the current state becomes the state before; returns the current state to step.</summary>
    [UnscopedRef]
    public ref TState Advance()
    {
        _before = _current;
        return ref _current;
    }

    /// <summary>The last bar again: back to the state before it; returns that state to step.</summary>
    /// <param name="stream">The stream's name, for the error.</param>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    [UnscopedRef]
    public ref TState Revise(string stream)
    {
        if (_current.Count == 0) Preconditions.ThrowNothingToReplace(stream);
        _current = _before;
        return ref _current;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset()
    {
        _current = default;
        _before = default;
    }
}
