using HedgeMath.Hedging;

namespace HedgeMath.Orleans;

/// <summary>The persisted state of the management grain: every plan id and its symbol.</summary>
[GenerateSerializer, Alias("hm.ManagerState")]
public sealed class PlanManagerState
{
    /// <summary>Plan id → symbol.</summary>
    [Id(0)] public Dictionary<string, string> Plans { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Adds, replaces and removes plans (see <see cref="IPlanManagerGrain"/>).</summary>
public sealed class PlanManagerGrain(
    [PersistentState("manager", PlanNames.Storage)] IPersistentState<PlanManagerState> state) : Grain, IPlanManagerGrain
{
    /// <inheritdoc />
    public async Task<string> PutAsync(string id, string document, string? symbol = null, DateTimeOffset? startAt = null)
    {
        var s = await PutOneAsync(id, document, symbol, startAt);
        await state.WriteStateAsync();
        return s;
    }

    /// <inheritdoc />
    public async Task<string[]> PutManyAsync(PlanSpec[] plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var symbols = new string[plans.Length];
        // Plans of different symbols in parallel; one symbol's attachments one after another.
        await Task.WhenAll(plans.Select((p, i) => (p, i)).GroupBy(x => x.p.Symbol ?? "").Select(async g =>
        {
            foreach (var (p, i) in g) symbols[i] = await PutOneAsync(p.Id, p.Document, p.Symbol, p.StartAt);
        }));
        await state.WriteStateAsync();
        return symbols;
    }

    private async Task<string> PutOneAsync(string id, string document, string? symbol, DateTimeOffset? startAt)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"must be a non-empty plan id; got '{id}'", nameof(id));
        PlanDefinition plan;
        // The library's own exception type is not an Orleans-serializable one: the caller gets a plain ArgumentException with its message.
        try { plan = PlanDocument.Load(document); }
        catch (ArgumentException e) { throw new ArgumentException(e.Message, nameof(document)); }
        if (plan.Legs.Length == 0) throw new ArgumentException("must have at least one hedge leg to be watched", nameof(document));
        symbol ??= plan.Legs[0].Contract.Symbol;
        if (string.IsNullOrWhiteSpace(symbol)) throw new ArgumentException($"must be a non-empty symbol; got '{symbol}'", nameof(symbol));

        if (state.State.Plans.TryGetValue(id, out var old) && old != symbol)
            await GrainFactory.GetGrain<ISymbolGrain>(old).DetachAsync(id);
        await GrainFactory.GetGrain<IPlanGrain>(id).SetAsync(document, symbol, startAt);
        await GrainFactory.GetGrain<ISymbolGrain>(symbol).AttachAsync(id);
        state.State.Plans[id] = symbol;
        return symbol;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string id)
    {
        if (!state.State.Plans.Remove(id, out var symbol)) return false;
        await GrainFactory.GetGrain<ISymbolGrain>(symbol).DetachAsync(id);
        await GrainFactory.GetGrain<IPlanGrain>(id).RemoveAsync();
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<string[]> PlansForAsync(string symbol) =>
        Task.FromResult(state.State.Plans.Where(p => p.Value == symbol).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public Task<Dictionary<string, string>> ListAsync() => Task.FromResult(new Dictionary<string, string>(state.State.Plans, StringComparer.Ordinal));
}
