using System.Collections.Concurrent;
using Sofia.Signals;

namespace Sofia.SignalHub.Domain;

/// <summary>The latest published signal of every strategy of every symbol, for the API.</summary>
internal sealed class SignalBook
{
    private readonly ConcurrentDictionary<(string Symbol, string Strategy), StrategySignal> _latest = new();

    public void Record(StrategySignal signal) => _latest[(signal.Symbol, signal.Strategy)] = signal;

    public IReadOnlyList<StrategySignal> Latest(string symbol) =>
        [.. _latest.Where(p => p.Key.Symbol == symbol).Select(p => p.Value).OrderBy(s => s.Strategy, StringComparer.Ordinal)];
}
