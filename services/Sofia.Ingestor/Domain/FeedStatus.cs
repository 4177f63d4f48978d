using Sofia.Contracts.V1;

namespace Sofia.Ingestor.Domain;

/// <summary>The live state of one exchange connection, updated by its loop and read by /api/feeds and metrics.</summary>
internal sealed class FeedStatus(string exchange, int connection, IReadOnlyList<string> symbols, Uri endpoint)
{
    private readonly Lock _gate = new();
    private FeedState _state = FeedState.Disconnected;
    private string? _detail;
    private DateTimeOffset? _since;
    private long _trades;
    private long _reconnects;
    private long _gaps;
    private long _backfilled;
    private long _problems;
    private long _lastFrameTicks;
    private long _lastTradeTicks;

    public string Exchange { get; } = exchange;

    public int Connection { get; } = connection;

    public IReadOnlyList<string> Symbols { get; } = symbols;

    public Uri Endpoint { get; } = endpoint;

    public FeedState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public long Trades => Interlocked.Read(ref _trades);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long Gaps => Interlocked.Read(ref _gaps);

    public long Backfilled => Interlocked.Read(ref _backfilled);

    public long FrameProblems => Interlocked.Read(ref _problems);

    /// <summary>Whether the connection is up and its markets print.</summary>
    public bool IsHealthy => State is FeedState.Connected or FeedState.Gap or FeedState.Backfilled;

    public void SetState(FeedState state, string? detail, DateTimeOffset now)
    {
        lock (_gate)
        {
            _state = state;
            _detail = detail;
            _since = now;
        }
    }

    public void AddTrades(int count, DateTimeOffset now)
    {
        Interlocked.Add(ref _trades, count);
        Volatile.Write(ref _lastTradeTicks, now.UtcTicks);
    }

    public void FrameReceived(DateTimeOffset now) => Volatile.Write(ref _lastFrameTicks, now.UtcTicks);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void GapFound() => Interlocked.Increment(ref _gaps);

    public void AddBackfilled(long count) => Interlocked.Add(ref _backfilled, count);

    public void FrameProblem() => Interlocked.Increment(ref _problems);

    public FeedSnapshot Snapshot()
    {
        FeedState state;
        string? detail;
        DateTimeOffset? since;
        lock (_gate)
        {
            (state, detail, since) = (_state, _detail, _since);
        }

        return new FeedSnapshot(
            Exchange, Connection, Symbols, Endpoint.ToString(), StateName(state), detail, since,
            Time(Volatile.Read(ref _lastFrameTicks)), Time(Volatile.Read(ref _lastTradeTicks)),
            Trades, Reconnects, Gaps, Backfilled, FrameProblems);
    }

    public static string StateName(FeedState state) => state switch
    {
        FeedState.Connected => "connected",
        FeedState.Reconnecting => "reconnecting",
        FeedState.Stale => "stale",
        FeedState.Gap => "gap",
        FeedState.Backfilled => "backfilled",
        FeedState.Disconnected => "disconnected",
        _ => "unknown",
    };

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
