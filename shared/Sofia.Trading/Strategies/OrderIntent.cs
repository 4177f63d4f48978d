using Sofia.Trading.Execution;

namespace Sofia.Trading.Strategies;

/// <summary>An order a strategy asked for at the close of a bar; the runner gives it an id and a time.</summary>
/// <param name="Symbol">Index of the symbol (0 for single-symbol strategies).</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit or stop.</param>
/// <param name="Quantity">Positive base quantity.</param>
/// <param name="Price">Limit or stop price; zero for market orders.</param>
public readonly record struct OrderIntent(int Symbol, OrderSide Side, OrderType Type, decimal Quantity, decimal Price);
