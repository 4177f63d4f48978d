namespace Sofia.Trading.Sizing;

/// <summary>What a <see cref="PositionSizer"/> may look at; each sizer reads only the fields it needs.</summary>
/// <param name="Equity">Account (or strategy) equity in quote currency.</param>
/// <param name="Price">Expected entry price in quote currency per base unit.</param>
/// <param name="AnnualizedVolatility">Realized volatility of the instrument, annualized (0.6 = 60 %); for volatility targeting.</param>
/// <param name="Atr">Average true range in price units; for ATR sizing.</param>
public readonly record struct SizingInput(decimal Equity, decimal Price, double AnnualizedVolatility = 0, double Atr = 0);
