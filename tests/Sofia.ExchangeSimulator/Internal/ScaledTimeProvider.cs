namespace Sofia.ExchangeSimulator.Internal;

/// <summary>A clock that runs <c>speed</c> times faster than real time from its creation (for accelerated demos).</summary>
internal sealed class ScaledTimeProvider(double speed) : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() =>
        _start + TimeSpan.FromTicks((long)(System.GetElapsedTime(_startTimestamp).Ticks * speed));

    public override long GetTimestamp() => (long)(System.GetTimestamp() * speed);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks(Math.Max(span == TimeSpan.Zero ? 0 : TimeSpan.TicksPerMillisecond, (long)(span.Ticks / speed)));
}
