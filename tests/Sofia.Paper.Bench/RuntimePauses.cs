using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Sofia.Paper.Bench;

/// <summary>
/// The bench's own runtime suspensions (garbage collections and other stop-the-world pauses), from the runtime's
/// events. A pause of the bench delays every arrival it stamps, so it would pass for a slow path; BENCH_DEBUG=1 lists
/// them beside the slow samples.
/// </summary>
internal sealed class RuntimePauses : EventListener
{
    private const int SuspendBegin = 9;
    private const int RestartEnd = 3;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentQueue<(long StartUs, double Milliseconds)> _pauses = new();
    private DateTime? _suspendedAt;

    /// <summary>The pauses that began at or after <paramref name="fromUs"/> (Unix microseconds).</summary>
    public IEnumerable<(long StartUs, double Milliseconds)> Since(long fromUs) => _pauses.Where(p => p.StartUs >= fromUs);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == SuspendBegin)
        {
            _suspendedAt = eventData.TimeStamp.ToUniversalTime();
        }
        else if (eventData.EventId == RestartEnd && _suspendedAt is { } start)
        {
            var startUs = (start.Ticks - DateTime.UnixEpoch.Ticks) / 10;
            _pauses.Enqueue((startUs, (eventData.TimeStamp.ToUniversalTime() - start).TotalMilliseconds));
            _suspendedAt = null;
        }
    }
}
