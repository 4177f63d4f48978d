using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using CoreDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.PaperOms.Workers;

/// <summary>Wire messages to engine inputs and engine outputs to bus envelopes.</summary>
internal static class PaperCodec
{
    public static PaperSignal ToSignal(ReadOnlyMemory<byte> data)
    {
        var signal = Signal.Parser.ParseFrom(data.Span);
        if (string.IsNullOrEmpty(signal.SignalId) || signal.BarIntervalSeconds <= 0)
        {
            throw new InvalidDataException("a signal needs an id and a positive bar interval");
        }

        var direction = signal.Direction switch
        {
            SignalDirection.Long => CoreDirection.Long,
            SignalDirection.Short => CoreDirection.Short,
            _ => CoreDirection.Flat,
        };
        return new PaperSignal(signal.SignalId, signal.Strategy, signal.Exchange, signal.Symbol, direction, signal.Strength,
            signal.BarTimeUs, signal.BarIntervalSeconds);
    }

    public static PaperTick ToTick(ReadOnlyMemory<byte> data)
    {
        var tick = Tick.Parser.ParseFrom(data.Span);
        if (tick.Price is null || tick.Quantity is null)
        {
            throw new InvalidDataException("a tick needs a price and a quantity");
        }

        return new PaperTick(tick.Exchange, tick.Symbol, tick.Price.ToDecimal(), tick.Quantity.ToDecimal(), tick.TradeId,
            tick.ExchangeTimeUs, tick.ReceiveTimeUs);
    }

    public static BusEnvelope ToEnvelope(PaperOutput output) =>
        new(output.Subject, output.Message!.ToByteArray(), output.MessageId, output.Message!.Descriptor.FullName);

    /// <summary>A record of the orders or fills stream, with its book and sequence; null for other messages.</summary>
    public static (string Book, ulong Sequence, IMessage Record)? ToRecord(IBusMessage message)
    {
        var subject = message.Subject;
        var data = message.Data.Span;
        IMessage? record = subject switch
        {
            _ when subject.StartsWith("fills.", StringComparison.Ordinal) => Fill.Parser.ParseFrom(data),
            _ when subject.StartsWith("orders.intent.", StringComparison.Ordinal) => OrderIntent.Parser.ParseFrom(data),
            _ when subject.StartsWith("orders.event.", StringComparison.Ordinal) => OrderEvent.Parser.ParseFrom(data),
            _ when subject.StartsWith("orders.signal.", StringComparison.Ordinal) => PaperSignalHandled.Parser.ParseFrom(data),
            _ when subject.StartsWith("orders.checkpoint.", StringComparison.Ordinal) => PaperBookCheckpoint.Parser.ParseFrom(data),
            _ => null,
        };
        return record is not null && KeyOf(record) is var (book, sequence) ? (book, sequence, record) : null;
    }

    /// <summary>The book and book sequence of one of the OMS's records.</summary>
    public static (string Book, ulong Sequence) KeyOf(IMessage record) => record switch
    {
        Fill m => (new BookKey(m.Strategy, m.Exchange, m.Symbol).Id, m.BookSequence),
        OrderIntent m => (new BookKey(m.Strategy, m.Exchange, m.Symbol).Id, m.BookSequence),
        OrderEvent m => (new BookKey(m.Strategy, m.Exchange, m.Symbol).Id, m.BookSequence),
        PaperSignalHandled m => (new BookKey(m.Strategy, m.Exchange, m.Symbol).Id, m.BookSequence),
        PaperBookCheckpoint m => (new BookKey(m.Strategy, m.Exchange, m.Symbol).Id, m.BookSequence),
        _ => throw new ArgumentException($"{record?.Descriptor.FullName} is not a paper OMS record.", nameof(record)),
    };

    public static IReadOnlyList<StreamDefinition> StreamsUsed { get; } =
        [Streams.Signals, Streams.Ticks, Streams.Orders, Streams.Fills, Streams.Positions, Streams.DeadLetters];
}
