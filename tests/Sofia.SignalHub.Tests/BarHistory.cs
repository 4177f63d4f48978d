using System.Runtime.CompilerServices;
using Sofia.MarketData;
using Sofia.Trading;

namespace Sofia.SignalHub.Tests;

/// <summary>Market history held in memory: the stored bars of one market, as ClickHouse would return them.</summary>
internal sealed class BarHistory(IReadOnlyList<Bar> bars) : IMarketHistory
{
    public async IAsyncEnumerable<Bar> ReadMinuteBarsAsync(string exchange, string symbol, long fromUs, long toUs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var bar in bars)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (exchange == RealTicks.Exchange && symbol == RealTicks.Symbol && bar.OpenTimeUs >= fromUs && bar.OpenTimeUs < toUs)
            {
                yield return bar;
            }
        }
    }

    public IAsyncEnumerable<TradeTick> ReadTicksAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The signal hub reads bars only.");
}
