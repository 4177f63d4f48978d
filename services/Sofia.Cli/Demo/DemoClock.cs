namespace Sofia.Cli.Demo;

/// <summary>
/// The simulated exchanges' clock: it starts at the real time and runs <c>speed</c> times faster, so exchange
/// timestamps (and the bars built from them) advance a simulated day per real minute at the default speed.
/// </summary>
internal sealed class DemoClock(double speed) : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();

    public double Speed { get; } = speed;

    public override DateTimeOffset GetUtcNow() =>
        _start + TimeSpan.FromTicks((long)(System.GetElapsedTime(_startTimestamp).Ticks * Speed));

    public override long GetTimestamp() => (long)(System.GetTimestamp() * Speed);

    public override long TimestampFrequency => System.TimestampFrequency;

    // Timers fire after the simulated span has passed on this clock, i.e. 1/speed of it in real time.
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span == TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(span.Ticks / Speed)));
}
