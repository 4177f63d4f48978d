namespace Sofia.Trading.Tests.Indicators;

/// <summary>
/// Bars to feed, the reference output per bar (null where the reference has no value) and the allowed error
/// per bar. <see cref="FirstRow"/>..<see cref="LastRow"/> is the span the reference covers; rows outside it are
/// fed but not compared, and every case that narrows it says why.
/// </summary>
public sealed record ReferenceSeries(Bar[] Bars, double?[] Expected, Func<int, double, double> Allowed)
{
    public int FirstRow { get; init; }

    public int LastRow { get; init; } = int.MaxValue;
}
