using Sofia.Contracts.V1;
using Sofia.Trading.Execution;
using CoreOrderType = Sofia.Trading.Execution.OrderType;
using WireOrderType = Sofia.Contracts.V1.OrderType;

namespace Sofia.PaperOms.Domain;

/// <summary>Conversions between the trading core's types and the wire messages.</summary>
internal static class PaperMessages
{
    public static Side ToWire(OrderSide side) => side == OrderSide.Buy ? Side.Buy : Side.Sell;

    public static OrderSide ToCore(Side side) => side == Side.Sell ? OrderSide.Sell : OrderSide.Buy;

    public static WireOrderType ToWire(CoreOrderType type) => type switch
    {
        CoreOrderType.Limit => WireOrderType.Limit,
        CoreOrderType.Stop => WireOrderType.Stop,
        _ => WireOrderType.Market,
    };

    public static CoreOrderType ToCore(WireOrderType type) => type switch
    {
        WireOrderType.Limit => CoreOrderType.Limit,
        WireOrderType.Stop => CoreOrderType.Stop,
        _ => CoreOrderType.Market,
    };

    public static DecimalValue Exact(decimal value) => DecimalValue.FromDecimal(value);

    /// <summary>For reported figures (not state): rounds until the value fits the wire's 18 digits.</summary>
    public static DecimalValue Report(decimal value)
    {
        for (var decimals = 12; ; decimals -= 2)
        {
            try
            {
                return DecimalValue.FromDecimal(decimals >= 0 ? Math.Round(value, Math.Max(decimals, 0)) : value);
            }
            catch (OverflowException) when (decimals > 0)
            {
                // Too many digits for the wire: one more rounding step.
            }
        }
    }

    public static decimal Value(DecimalValue? value) => value is null ? 0m : value.ToDecimal();
}
