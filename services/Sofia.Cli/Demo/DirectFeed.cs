using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.ExchangeSimulator;
using Sofia.Messaging;

namespace Sofia.Cli.Demo;

/// <summary>
/// Stands in for the ingestor while it does not run on <see cref="IMessageBus"/>: publishes the simulated market's
/// trades as normalized ticks, one per exchange, with the ingestor's subjects and de-duplication ids.
/// </summary>
internal sealed class DirectFeed : IAsyncDisposable
{
    private readonly IMessageBus _bus;
    private readonly MarketSimulator _market;
    private readonly IReadOnlyList<string> _exchanges;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public DirectFeed(IMessageBus bus, MarketSimulatorOptions market, DemoClock clock, IReadOnlyList<string> exchanges)
    {
        _bus = bus;
        _market = new MarketSimulator(market, clock);
        _exchanges = exchanges;
        _loop = Task.Run(() => PumpAsync(_stop.Token));
    }

    public long TradesGenerated => _market.TradesGenerated;

    /// <summary>Stops generating and waits for the last publishes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var trades = new SimulatedTrade[4096];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                int count;
                do
                {
                    count = _market.Generate(trades);
                    for (var i = 0; i < count; i++)
                    {
                        foreach (var exchange in _exchanges)
                        {
                            await _bus.PublishAsync(Envelope(exchange, trades[i]), CancellationToken.None);
                        }
                    }
                }
                while (count == trades.Length);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static BusEnvelope Envelope(string exchange, in SimulatedTrade trade)
    {
        var tradeId = trade.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tick = new Tick
        {
            Exchange = exchange,
            Symbol = trade.Symbol,
            Price = new DecimalValue { Mantissa = trade.PriceMantissa, Scale = (uint)trade.PriceScale },
            Quantity = new DecimalValue { Mantissa = trade.QuantityMantissa, Scale = (uint)trade.QuantityScale },
            AggressorSide = trade.TakerIsBuyer ? Side.Buy : Side.Sell,
            TradeId = tradeId,
            ExchangeTimeUs = trade.TimeUs,
            ReceiveTimeUs = trade.TimeUs,
        };
        return new BusEnvelope(Subjects.Ticks(exchange, trade.Symbol), tick.ToByteArray(), $"{exchange}:{trade.Symbol}:{tradeId}", Tick.Descriptor.FullName);
    }
}
