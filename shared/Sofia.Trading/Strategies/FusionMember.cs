namespace Sofia.Trading.Strategies;

/// <summary>One voter of a <see cref="FusedStrategy"/>: a single-symbol strategy and its weight.</summary>
/// <param name="Strategy">The member; it must trade one symbol.</param>
/// <param name="Weight">Non-negative vote weight.</param>
public sealed record FusionMember(IStrategy Strategy, double Weight);
