using System.Text;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.Testing;

namespace Sofia.Messaging.Tests;

/// <summary>Names, payloads and small helpers shared by the bus tests.</summary>
internal static class BusTestKit
{
    /// <summary>A stream of its own for one test: name <c>s_xxxxxxxxxx</c> capturing <c>s_xxxxxxxxxx.&gt;</c>.</summary>
    public static StreamDefinition NewStream(StreamRetention retention = StreamRetention.Limits, StreamStorage storage = StreamStorage.Memory)
    {
        var name = TestNames.Unique("s");
        return new StreamDefinition(name, [name + ".>"], storage, retention, TimeSpan.Zero, TimeSpan.FromMinutes(2));
    }

    public static string Prefix(this StreamDefinition stream) => stream.Name;

    public static BusEnvelope Envelope(string subject, string text, string? id = null, string? type = null) =>
        new(subject, Encoding.UTF8.GetBytes(text), id, type);

    public static string Text(this IBusMessage message) => Encoding.UTF8.GetString(message.Data.Span);

    public static async Task<List<IBusMessage>> ToListAsync(this IAsyncEnumerable<IBusMessage> messages, CancellationToken cancellationToken)
    {
        var list = new List<IBusMessage>();
        await foreach (var message in messages.WithCancellation(cancellationToken))
        {
            list.Add(message);
        }

        return list;
    }

    public static async Task PublishTextsAsync(this IMessageBus bus, string subject, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await bus.PublishAsync(Envelope(subject, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="read"/> until it equals <paramref name="expected"/> or the deadline passes; returns the last value.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<CancellationToken, ValueTask<T>> read, T expected, TimeSpan within, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read(cancellationToken);
            if (EqualityComparer<T>.Default.Equals(value, expected) || clock.Elapsed > within)
            {
                return value;
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
