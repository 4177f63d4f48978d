using Sofia.Trading.Execution;

namespace Sofia.Trading.Strategies;

/// <summary>
/// Grid (<c>grid</c>), an <see cref="ExecutionStyle.Orders"/> strategy. It keeps layered limit orders around a
/// reference price: buys at reference · (1 − k · spacing) and sells at reference · (1 + k · spacing) for k = 1..levels,
/// each for order_fraction · equity / reference base units. Inventory limits: buys stop at max_inventory · equity /
/// reference of position; sells never take a long below zero in long-only mode and stop at −max_inventory in
/// long-short mode. The grid is laid out again around the current close (rebalancing) after any fill changed the
/// position, when no order is left, or every rebalance_bars bars. Its signal (for the hub and fusion) is the
/// inventory it would want: long below the reference, short above, with strength = whole levels crossed / levels.
/// </summary>
public sealed class GridStrategy : IStrategy
{
    private const int QuantityDecimals = 8;
    private readonly int _levels;
    private readonly double _spacing;
    private readonly double _orderFraction;
    private readonly double _maxInventory;
    private readonly int _rebalanceBars;
    private double _reference = double.NaN;
    private double _positionAtLayout = double.NaN;
    private int _barsSinceLayout;

    /// <summary>Creates the strategy; <paramref name="spacingBps"/> is the distance between levels in basis points.</summary>
    public GridStrategy(int levels = 5, double spacingBps = 50, double orderFraction = 0.1, double maxInventory = 0.5, int rebalanceBars = 1440)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spacingBps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(orderFraction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInventory);
        ArgumentOutOfRangeException.ThrowIfLessThan(rebalanceBars, 1);
        if (levels * spacingBps >= 10_000)
        {
            throw new StrategyParameterException($"levels · spacing_bps ({levels * spacingBps}) must stay below 10000 so every buy price is positive.");
        }

        _levels = levels;
        _spacing = spacingBps / 10_000;
        _orderFraction = orderFraction;
        _maxInventory = maxInventory;
        _rebalanceBars = rebalanceBars;
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "grid",
        "grid",
        "Layered limit orders around a reference price, with inventory limits and periodic re-centring.",
        1,
        ExecutionStyle.Orders,
        new ParameterSpace(
            ParameterDefinition.Whole("levels", 1, 50, 5, "orders on each side"),
            ParameterDefinition.LogReal("spacing_bps", 2, 1000, 50, "distance between levels, basis points of the reference"),
            ParameterDefinition.Real("order_fraction", 0.005, 1, 0.1, "size of each order as a fraction of equity", 0.005),
            ParameterDefinition.Real("max_inventory", 0.05, 1, 0.5, "largest position as a fraction of equity", 0.05),
            ParameterDefinition.Whole("rebalance_bars", 1, 100_000, 1440, "re-centre the grid at least this often (bars)")),
        p => new GridStrategy(p.GetInt("levels"), p.GetDouble("spacing_bps"), p.GetDouble("order_fraction"), p.GetDouble("max_inventory"), p.GetInt("rebalance_bars")));

    /// <inheritdoc/>
    public string Name => "grid";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.Orders;

    /// <inheritdoc/>
    public int WarmUpBars => 1;

    /// <summary>The price the grid is centred on (NaN before the first bar).</summary>
    public double Reference => _reference;

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        var close = bars[0].Close;
        if (double.IsNaN(_reference))
        {
            _reference = close;
        }

        _barsSinceLayout++;
        var position = context.Position(0);
        var relayout = _barsSinceLayout >= _rebalanceBars || position != _positionAtLayout || context.OpenOrders(0) == 0;
        if (relayout && context.OrdersEnabled)
        {
            Layout(close, position, context);
        }
        else if (relayout && _barsSinceLayout >= _rebalanceBars)
        {
            _reference = close;
            _barsSinceLayout = 0;
        }

        context.Emit(0, WantedInventory(close));
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _reference = double.NaN;
        _positionAtLayout = double.NaN;
        _barsSinceLayout = 0;
    }

    private Signal WantedInventory(double close)
    {
        var crossed = Math.Floor(Math.Abs(_reference - close) / (_reference * _spacing));
        if (crossed < 1)
        {
            return Signal.Flat(SignalReasons.GridCentered);
        }

        var strength = Math.Min(crossed, _levels) / _levels;
        return close < _reference
            ? new Signal(SignalDirection.Long, strength, SignalReasons.GridBelow)
            : new Signal(SignalDirection.Short, strength, SignalReasons.GridAbove);
    }

    private void Layout(double close, double position, StrategyContext context)
    {
        context.CancelOrders(0);
        _reference = close;
        _barsSinceLayout = 0;
        _positionAtLayout = position;
        var equity = context.Equity;
        if (!(equity > 0) || !(close > 0))
        {
            return;
        }

        var perLevel = _orderFraction * equity / close;
        var limit = _maxInventory * equity / close;
        var room = limit - position;
        var available = context.AllowShort ? position + limit : position;
        for (var k = 1; k <= _levels; k++)
        {
            if (room > 0)
            {
                var quantity = Math.Min(perLevel, room);
                room -= quantity;
                context.PlaceLimit(0, OrderSide.Buy, Quantity(quantity), (decimal)(close * (1 - (k * _spacing))));
            }

            if (available > 0)
            {
                var quantity = Math.Min(perLevel, available);
                available -= quantity;
                context.PlaceLimit(0, OrderSide.Sell, Quantity(quantity), (decimal)(close * (1 + (k * _spacing))));
            }
        }
    }

    private static decimal Quantity(double quantity) => Math.Round((decimal)quantity, QuantityDecimals, MidpointRounding.ToZero);
}
