namespace Sofia.Trading.Strategies;

/// <summary>
/// What a strategy wants to hold in one symbol after the close of a bar: a direction, a strength (confidence) in
/// [0, 1] that scales the position size, and a short reason for the signal hub. A signal is a target state, not an
/// event: strategies restate it on every bar, and the backtester trades only when the target changes.
/// </summary>
/// <param name="Direction">Long, flat or short.</param>
/// <param name="Strength">Confidence in [0, 1]; the fraction of the allotted capital to hold.</param>
/// <param name="Reason">A short constant such as <c>cross_up</c> (never built per bar, so signalling does not allocate).</param>
public readonly record struct Signal(SignalDirection Direction, double Strength, string Reason)
{
    /// <summary>The signed exposure: direction · strength, in [−1, 1].</summary>
    public double Exposure => (int)Direction * Strength;

    /// <summary>A flat signal.</summary>
    public static Signal Flat(string reason) => new(SignalDirection.Flat, 0, reason);

    /// <summary>A full-strength signal in <paramref name="direction"/> (flat stays at strength 0).</summary>
    public static Signal Full(SignalDirection direction, string reason) =>
        new(direction, direction == SignalDirection.Flat ? 0 : 1, reason);

    /// <summary>A signal of signed <paramref name="exposure"/> in [−1, 1] (clamped).</summary>
    public static Signal FromExposure(double exposure, string reason)
    {
        var clamped = Math.Clamp(exposure, -1, 1);
        return clamped > 0 ? new(SignalDirection.Long, clamped, reason)
            : clamped < 0 ? new(SignalDirection.Short, -clamped, reason)
            : Flat(reason);
    }
}
