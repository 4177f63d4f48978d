using System.Globalization;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Options;
using Sofia.Signals;
using Sofia.Testing;
using Sofia.Trading;
using Sofia.Trading.Data;
using CoreDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>
/// A paper session over real BTC candles (four trades per 1-minute bar) and the signals <see cref="SignalEngine"/>
/// emits for them, the OMS configuration, and helpers to publish the inputs and read the OMS's records back.
/// Risk gates and loss limits are off so that the fills depend only on the inputs, whatever their interleaving.
/// </summary>
internal static class PaperSession
{
    public const string ApiKey = "0123456789abcdef-service-test";
    public const string Exchange = "binance";
    public const string Symbol = "BTC-USDT";
    public const decimal StartingCash = 10_000m;

    public const string Plan = """
        bar_interval: 1m
        fusion: { threshold: 0.2 }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, weight: 1, params: { fast: 5, slow: 15 } }
              - { name: rsi_revert, weight: 1, params: { period: 6, lower: 35, upper: 65 } }
              - { name: supertrend, weight: 1, params: { period: 7 } }
        """;

    private static readonly Lazy<Bar[]> BtcBars = new(() =>
        BarFileReader.ReadAll(ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv")));

    public static Dictionary<string, string?> Config(string natsUrl) => new()
    {
        ["Nats:Url"] = natsUrl,
        ["PaperOms:ApiKey"] = ApiKey,
        ["PaperOms:StartingCashPerBook"] = "10000",
        ["PaperOms:TakerFeeBps"] = "10",
        ["PaperOms:MakerFeeBps"] = "2",
        ["PaperOms:SlippageBps"] = "2",
        ["PaperOms:SizingFraction"] = "1",
        ["PaperOms:LotStep"] = "0.00001",
        ["PaperOms:AllowShort"] = "true",
        ["PaperOms:MaxPositionUsd"] = "50000",
        ["PaperOms:MaxGrossLeverage"] = "2",
        ["PaperOms:DailyLossLimit"] = "0",
        ["PaperOms:MaxDrawdown"] = "0",
        ["PaperOms:GateDrawdown"] = "0",
        ["PaperOms:GateLoss"] = "0",
        ["PaperOms:StageHours"] = "24",
        ["PaperOms:RequestsPerMinute"] = "100000",
        ["PaperOms:SnapshotIntervalSeconds"] = "1",
        ["PaperOms:InputAckWaitSeconds"] = "5",
        ["Hosting:ShutdownTimeoutSeconds"] = "5",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>The engine settings the service binds from <see cref="Config"/>, bound the same way.</summary>
    public static PaperEngineSettings EngineSettings() =>
        new ConfigurationBuilder().AddInMemoryCollection(Config("nats://127.0.0.1:1")).Build()
            .GetSection(PaperOmsOptions.SectionName).Get<PaperOmsOptions>()!.ToEngineSettings();

    /// <summary>Trades of the first <paramref name="bars"/> candles, each with the signals the engine emitted on it.</summary>
    public static List<PaperStep> Steps(int bars)
    {
        var engine = new SignalEngine(StrategyPlan.Parse(Plan));
        var steps = new List<PaperStep>(bars * 4);
        var id = 7_000_000L;
        foreach (var bar in BtcBars.Value.AsSpan(0, bars))
        {
            var quarter = Math.Round((decimal)bar.Volume / 4, 8);
            (long Offset, double Price)[] trades = [(0, bar.Open), (15, bar.High), (30, bar.Low), (45, bar.Close)];
            foreach (var (offset, price) in trades)
            {
                var tick = new Tick
                {
                    Exchange = Exchange,
                    Symbol = Symbol,
                    Price = DecimalValue.FromDecimal((decimal)price),
                    Quantity = DecimalValue.FromDecimal(quarter),
                    AggressorSide = Side.Buy,
                    TradeId = (id++).ToString(CultureInfo.InvariantCulture),
                    ExchangeTimeUs = bar.OpenTimeUs + (offset * 1_000_000),
                    ReceiveTimeUs = bar.OpenTimeUs + (offset * 1_000_000) + 1_000,
                };
                var signals = engine.OnTick(Exchange, Symbol, new TradeTick(tick.ExchangeTimeUs, price, (double)quarter, true), tick.TradeId);
                steps.Add(new PaperStep(tick, [.. signals.Select(ToProto)]));
            }
        }

        return steps;
    }

    /// <summary>The engine alone, fed each trade then the signals it produced: what the service must end up with.</summary>
    public static (PaperTradingEngine Engine, List<Fill> Fills) Reference(IEnumerable<PaperStep> steps)
    {
        var engine = new PaperTradingEngine(EngineSettings());
        var outputs = new List<PaperOutput>();
        foreach (var step in steps)
        {
            engine.OnTick(Workers.PaperCodec.ToTick(step.Tick.ToByteArray()), outputs);
            foreach (var signal in step.Signals)
            {
                engine.OnSignal(Workers.PaperCodec.ToSignal(signal.ToByteArray()), outputs);
            }
        }

        return (engine, [.. outputs.Select(o => o.Message).OfType<Fill>()]);
    }

    public static async Task PublishAsync(IMessageBus bus, IEnumerable<PaperStep> steps, CancellationToken cancellationToken)
    {
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        await bus.EnsureStreamAsync(Streams.Signals, cancellationToken);
        foreach (var step in steps)
        {
            var tick = step.Tick;
            await PublishRetryingAsync(bus, new BusEnvelope(Subjects.Ticks(tick.Exchange, tick.Symbol), tick.ToByteArray(),
                MessageHeaders.TickMessageId(tick.Exchange, tick.Symbol, tick.TradeId), Tick.Descriptor.FullName), cancellationToken);
            foreach (var signal in step.Signals)
            {
                await PublishRetryingAsync(bus, new BusEnvelope(Subjects.Signal(signal.Strategy, signal.Symbol), signal.ToByteArray(),
                    signal.SignalId, Signal.Descriptor.FullName), cancellationToken);
            }
        }
    }

    /// <summary>Publishes, retrying while the server is away (the de-duplication id makes a retry safe).</summary>
    public static async Task PublishRetryingAsync(IMessageBus bus, BusEnvelope envelope, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await bus.PublishAsync(envelope, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Waits until both OMS consumers have nothing undelivered and nothing unacknowledged (twice in a row).</summary>
    public static async Task WaitDrainedAsync(IMessageBus bus, CancellationToken cancellationToken)
    {
        var quiet = 0;
        while (quiet < 2)
        {
            await Task.Delay(100, cancellationToken);
            quiet = await IsDrainedAsync(bus, Streams.Signals.Name, Durables.PaperOmsSignals, cancellationToken)
                && await IsDrainedAsync(bus, Streams.Ticks.Name, Durables.PaperOmsTicks, cancellationToken) ? quiet + 1 : 0;
        }
    }

    /// <summary>Every stored message of type <typeparamref name="T"/> in <paramref name="stream"/>, in stream order.</summary>
    public static async Task<List<T>> ReadAsync<T>(IMessageBus bus, string stream, CancellationToken cancellationToken)
        where T : IMessage<T>, new()
    {
        var type = new T().Descriptor.FullName;
        var parser = new MessageParser<T>(() => new T());
        var messages = new List<T>();
        await foreach (var message in bus.ReadStreamAsync(stream, null, 1, cancellationToken))
        {
            if (message.MessageType == type)
            {
                messages.Add(parser.ParseFrom(message.Data.Span));
            }
        }

        return messages;
    }

    /// <summary>The signal a fill traded: its order id is <c>{signalId}:order</c>.</summary>
    public static string SignalOf(Fill fill) => fill.OrderId[..fill.OrderId.LastIndexOf(":order", StringComparison.Ordinal)];

    /// <summary>A fill as compared between runs: everything but the book sequence and our receive time.</summary>
    public static string Describe(Fill fill) => string.Create(CultureInfo.InvariantCulture,
        $"{fill.FillId} {fill.Side} {fill.Quantity.ToDecimal()} @ {fill.Price.ToDecimal()} fee {fill.Fee.ToDecimal()} t {fill.TimeUs} tick {fill.TickTradeId}");

    private static async Task<bool> IsDrainedAsync(IMessageBus bus, string stream, string durable, CancellationToken cancellationToken)
    {
        try
        {
            var state = await bus.GetConsumerStateAsync(stream, durable, cancellationToken);
            return state.Pending == 0 && state.AckPending == 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private static Signal ToProto(StrategySignal signal) => new()
    {
        SignalId = signal.Id,
        Strategy = signal.Strategy,
        Exchange = signal.Exchange,
        Symbol = signal.Symbol,
        Direction = signal.Direction switch
        {
            CoreDirection.Long => SignalDirection.Long,
            CoreDirection.Short => SignalDirection.Short,
            _ => SignalDirection.Flat,
        },
        Strength = signal.Strength,
        Confidence = signal.Confidence,
        Reason = signal.Reason,
        BarTimeUs = signal.BarOpenTimeUs,
        BarIntervalSeconds = signal.BarIntervalSeconds,
        BarClose = DecimalValue.FromDecimal((decimal)signal.BarClose),
    };
}
