using System.Diagnostics;

namespace Sofia.ClickHouse.Internal;

/// <summary>One query, command or insert: its id, its cancellation (the caller's tokens plus the time limit) and its counts.</summary>
internal sealed class ClickHouseOperation : IDisposable
{
    public const string QueryKind = "query";
    public const string CommandKind = "command";
    public const string InsertKind = "insert";

    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationToken _callerToken;
    private readonly CancellationToken _enumeratorToken;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public ClickHouseOperation(string kind, string queryId, TimeSpan timeout, CancellationToken callerToken, CancellationToken enumeratorToken = default)
    {
        Kind = kind;
        QueryId = queryId;
        Timeout = timeout;
        _callerToken = callerToken;
        _enumeratorToken = enumeratorToken;
        _cancellation = enumeratorToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, enumeratorToken)
            : CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            _cancellation.CancelAfter(timeout);
        }
    }

    public string Kind { get; }

    public string QueryId { get; }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => _cancellation.Token;

    public bool IsCancelled => _cancellation.IsCancellationRequested;

    public bool CancelledByCaller => _callerToken.IsCancellationRequested || _enumeratorToken.IsCancellationRequested;

    public CancellationToken CallerToken => _callerToken.IsCancellationRequested ? _callerToken : _enumeratorToken;

    public double ElapsedSeconds => Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;

    public long RowsRead { get; set; }

    public long BytesRead { get; set; }

    public long RowsWritten { get; set; }

    public long BytesWritten { get; set; }

    public void Dispose() => _cancellation.Dispose();
}
