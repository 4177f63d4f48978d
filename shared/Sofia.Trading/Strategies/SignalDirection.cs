using System.Diagnostics.CodeAnalysis;

namespace Sofia.Trading.Strategies;

/// <summary>The side a strategy wants to hold; the numeric value is the sign of the exposure.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Long and short are the trading terms.")]
public enum SignalDirection
{
    /// <summary>Hold a short position.</summary>
    Short = -1,

    /// <summary>Hold nothing.</summary>
    Flat = 0,

    /// <summary>Hold a long position.</summary>
    Long = 1,
}
