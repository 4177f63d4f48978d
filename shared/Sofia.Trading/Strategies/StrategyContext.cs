using Sofia.Trading.Execution;

namespace Sofia.Trading.Strategies;

/// <summary>
/// The strategy's window on its runner at the close of a bar: the account state it may read (equity, positions,
/// open orders) and the decisions it writes (a <see cref="Signal"/> per symbol, orders, cancels). Signals persist
/// until restated; orders and cancels are collected per bar and cleared by <see cref="BeginBar"/>. The runner owns
/// the instance and refreshes it before each call; nothing here allocates once the order buffer has grown.
/// </summary>
public sealed class StrategyContext
{
    private static readonly Signal WarmUp = Signal.Flat(SignalReasons.WarmUp);
    private readonly Signal[] _signals;
    private readonly double[] _positions;
    private readonly int[] _openOrders;
    private readonly bool[] _cancel;
    private OrderIntent[] _orders = new OrderIntent[16];
    private int _orderCount;
    private bool _anyCancel;

    /// <summary>Creates a context for <paramref name="symbolCount"/> symbols.</summary>
    /// <param name="symbolCount">Number of symbols the strategy trades.</param>
    /// <param name="allowShort">False in long-only mode (strategies placing orders must not sell below zero).</param>
    /// <param name="ordersEnabled">False when only signals are read (fusion members): order-placing work can be skipped.</param>
    public StrategyContext(int symbolCount, bool allowShort = true, bool ordersEnabled = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(symbolCount, 1);
        SymbolCount = symbolCount;
        AllowShort = allowShort;
        OrdersEnabled = ordersEnabled;
        _signals = new Signal[symbolCount];
        _positions = new double[symbolCount];
        _openOrders = new int[symbolCount];
        _cancel = new bool[symbolCount];
        _signals.AsSpan().Fill(WarmUp);
    }

    /// <summary>Number of symbols.</summary>
    public int SymbolCount { get; }

    /// <summary>True when short positions are allowed.</summary>
    public bool AllowShort { get; }

    /// <summary>True when the strategy's orders are executed; false when only its signals are read.</summary>
    public bool OrdersEnabled { get; }

    /// <summary>Zero-based index of the current bar.</summary>
    public int BarIndex { get; private set; }

    /// <summary>Account equity marked at the current close (quote currency).</summary>
    public double Equity { get; private set; }

    /// <summary>Orders requested during the current bar.</summary>
    public ReadOnlySpan<OrderIntent> Orders => new(_orders, 0, _orderCount);

    /// <summary>Signed position in <paramref name="symbol"/> (base units) after the current bar's fills.</summary>
    public double Position(int symbol) => _positions[symbol];

    /// <summary>Orders of this strategy still open in <paramref name="symbol"/>.</summary>
    public int OpenOrders(int symbol) => _openOrders[symbol];

    /// <summary>The signal currently stated for <paramref name="symbol"/> (flat with reason <c>warmup</c> until the first).</summary>
    public Signal SignalOf(int symbol) => _signals[symbol];

    /// <summary>True when the strategy asked to cancel its open orders in <paramref name="symbol"/> this bar.</summary>
    public bool CancelRequested(int symbol) => _cancel[symbol];

    /// <summary>States the target for <paramref name="symbol"/>.</summary>
    public void Emit(int symbol, in Signal signal) => _signals[symbol] = signal;

    /// <summary>Asks for a limit order, live from the next bar.</summary>
    public void PlaceLimit(int symbol, OrderSide side, decimal quantity, decimal price) =>
        Place(new OrderIntent(symbol, side, OrderType.Limit, quantity, price));

    /// <summary>Asks for a stop-market order, live from the next bar.</summary>
    public void PlaceStop(int symbol, OrderSide side, decimal quantity, decimal stopPrice) =>
        Place(new OrderIntent(symbol, side, OrderType.Stop, quantity, stopPrice));

    /// <summary>Asks for a market order, filled at the next bar's open.</summary>
    public void PlaceMarket(int symbol, OrderSide side, decimal quantity) =>
        Place(new OrderIntent(symbol, side, OrderType.Market, quantity, 0m));

    /// <summary>Asks to cancel every open order in <paramref name="symbol"/> (done before this bar's new orders).</summary>
    public void CancelOrders(int symbol)
    {
        _cancel[symbol] = true;
        _anyCancel = true;
    }

    /// <summary>Runner side: starts a bar, clearing the previous bar's orders and cancels (signals persist).</summary>
    public void BeginBar(int barIndex, double equity)
    {
        BarIndex = barIndex;
        Equity = equity;
        _orderCount = 0;
        if (_anyCancel)
        {
            Array.Clear(_cancel);
            _anyCancel = false;
        }
    }

    /// <summary>Runner side: publishes the position and open-order count of <paramref name="symbol"/>.</summary>
    public void SetPosition(int symbol, double quantity, int openOrders)
    {
        _positions[symbol] = quantity;
        _openOrders[symbol] = openOrders;
    }

    /// <summary>Runner side: back to the freshly constructed state.</summary>
    public void Reset()
    {
        BeginBar(0, 0);
        Array.Clear(_positions);
        Array.Clear(_openOrders);
        _signals.AsSpan().Fill(WarmUp);
    }

    private void Place(in OrderIntent intent)
    {
        if ((uint)intent.Symbol >= (uint)SymbolCount)
        {
            throw new ArgumentOutOfRangeException(nameof(intent), intent.Symbol, "Symbol index out of range.");
        }

        if (intent.Quantity <= 0m)
        {
            return;
        }

        if (_orderCount == _orders.Length)
        {
            Array.Resize(ref _orders, _orderCount * 2);
        }

        _orders[_orderCount++] = intent;
    }
}
