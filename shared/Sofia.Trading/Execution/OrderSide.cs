namespace Sofia.Trading.Execution;

/// <summary>Direction of an order or fill.</summary>
public enum OrderSide
{
    /// <summary>Buy: adds to a long or reduces a short.</summary>
    Buy = 0,

    /// <summary>Sell: adds to a short or reduces a long.</summary>
    Sell = 1,
}
