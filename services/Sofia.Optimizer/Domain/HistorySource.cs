using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sofia.MarketData;
using Sofia.Optimizer.Options;
using Sofia.Trading;
using Sofia.Trading.Data;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// The bars a study runs on: a symbol's configured file (read once), or ClickHouse 1-minute candles from
/// <see cref="IMarketHistory"/>; either way only open times in [from, to). Windows are cached, so a replica reads a
/// study's history once however many of its trials it evaluates.
/// </summary>
internal sealed class HistorySource(IOptions<OptimizerOptions> options, IMarketHistory? history = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Bar[]>>> _windows = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="symbol"/> reads from a file.</summary>
    public bool IsFile(string symbol) => options.Value.DataFiles.ContainsKey(symbol);

    public Task<Bar[]> LoadAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken)
    {
        var key = $"{exchange}|{symbol}|{fromUs}|{toUs}";
        if (_windows.Count > 16 && !_windows.ContainsKey(key))
        {
            _windows.Clear();
        }

        var lazy = _windows.GetOrAdd(key, _ => new Lazy<Task<Bar[]>>(() => ReadAsync(exchange, symbol, fromUs, toUs, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed read is not cached: the next trial tries again.
            _windows.TryRemove(new KeyValuePair<string, Lazy<Task<Bar[]>>>(key, lazy));
        }

        return task;
    }

    private async Task<Bar[]> ReadAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken)
    {
        if (options.Value.DataFiles.TryGetValue(symbol, out var path))
        {
            var all = await Task.Run(() => BarFileReader.ReadAll(path), cancellationToken);
            var start = 0;
            while (start < all.Length && all[start].OpenTimeUs < fromUs)
            {
                start++;
            }

            var end = start;
            while (end < all.Length && all[end].OpenTimeUs < toUs)
            {
                end++;
            }

            return all[start..end];
        }

        if (history is null)
        {
            throw new InvalidOperationException($"No data file for {symbol} and no market history (ClickHouse) is configured.");
        }

        var bars = new List<Bar>();
        await foreach (var bar in history.ReadMinuteBarsAsync(exchange, symbol, fromUs, toUs, cancellationToken))
        {
            bars.Add(bar);
        }

        return [.. bars];
    }
}
