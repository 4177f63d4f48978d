using System.Runtime.CompilerServices;

namespace Sofia.Trading.Strategies;

/// <summary>
/// The target rule of the mean-reversion strategies: a value below the lower level targets long, above the upper level
/// short; a long is closed once the value is back at the middle level or above, a short at the middle or below.
/// </summary>
internal static class ReversionRule
{
    /// <summary>Moves <paramref name="target"/> for <paramref name="value"/> and returns the signal reason.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Apply(ref SignalDirection target, double value, double lower, double middle, double upper)
    {
        if (value < lower)
        {
            target = SignalDirection.Long;
            return SignalReasons.Oversold;
        }

        if (value > upper)
        {
            target = SignalDirection.Short;
            return SignalReasons.Overbought;
        }

        if ((target == SignalDirection.Long && value >= middle) || (target == SignalDirection.Short && value <= middle))
        {
            target = SignalDirection.Flat;
            return SignalReasons.MeanReached;
        }

        return SignalReasons.Hold;
    }
}
