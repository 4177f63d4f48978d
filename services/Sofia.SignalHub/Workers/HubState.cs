using System.Collections.Concurrent;

namespace Sofia.SignalHub.Workers;

/// <summary>What readiness and the warm-up gauge report: whether the hub is consuming, and each market's warm-up.</summary>
internal sealed class HubState
{
    private readonly ConcurrentDictionary<string, bool> _warm = new(StringComparer.Ordinal);
    private volatile bool _consuming;
    private volatile bool _loadingHistory;

    public bool Consuming
    {
        get => _consuming;
        set => _consuming = value;
    }

    public bool LoadingHistory
    {
        get => _loadingHistory;
        set => _loadingHistory = value;
    }

    public void SetWarm(string symbol, bool warm) => _warm[symbol] = warm;

    public IReadOnlyList<KeyValuePair<string, bool>> Warm => [.. _warm];

    /// <summary>Null when ready, else why not.</summary>
    public string? NotReadyReason => !_consuming ? "not consuming ticks yet" : _loadingHistory ? "loading warm-up history" : null;
}
