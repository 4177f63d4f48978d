using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Testing;

namespace Sofia.TickWriter.Tests.Servers;

/// <summary>The whole service as Program.cs wires it, in memory, against real servers: ready, storing, serving JSON.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TickWriterHostTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task The_service_becomes_ready_stores_ticks_of_the_ticks_stream_and_serves_them(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var clickHouse = await ClickHouseServer.StartNewAsync(cancellationToken);
        var database = TestNames.Unique("host");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = nats.Url,
            ["ClickHouse:Url"] = clickHouse.HttpUrl.ToString(),
            ["ClickHouse:Database"] = database,
            ["TickWriter:BatchDelayMs"] = "50",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddSofiaDefaults();
        builder.Services.AddSofiaMessageBus();
        builder.Services.AddClickHouseMarketStore();
        builder.Services.AddTickWriter();
        await using var app = builder.Build();
        app.MapSofiaEndpoints();
        app.MapTickWriter();
        await app.StartAsync(cancellationToken);
        using var http = app.GetTestClient();

        var ticks = TickBook.Generate(300, seed: 6);
        await using (var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [nats.Url] }, cancellationToken))
        {
            var js = new NatsJsContext(connection);
            await js.CreateOrUpdateStreamAsync(Streams.Ticks, cancellationToken);
            foreach (var tick in ticks)
            {
                await js.PublishAsync(Subjects.Ticks(tick.Exchange, tick.Symbol), tick.ToByteArray(),
                    new NatsJsPublishOptions { MsgId = MessageHeaders.TickMessageId(tick.Exchange, tick.Symbol, tick.TradeId) }, cancellationToken: cancellationToken);
            }
        }

        var expected = ExpectedCandles.Compute(ticks, "binance", "BTC-USDT", 3600);
        JsonElement candles;
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/api/candles?exchange=binance&symbol=BTC-USDT&interval=1h&from=2024-03-01T00:00:00Z&to=1709337600000", UriKind.Relative), cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Not migrated yet: the API says so instead of failing.
                await Task.Delay(100, cancellationToken);
                continue;
            }

            candles = json.RootElement.GetProperty("candles").Clone();
            if (response.StatusCode == HttpStatusCode.OK && candles.EnumerateArray().Sum(c => c.GetProperty("trades").GetInt64()) == expected.Sum(c => c.Trades))
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
        using var price = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/price/btc-usdt", UriKind.Relative), cancellationToken));
        using var symbols = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/symbols", UriKind.Relative), cancellationToken));
        // The consumer gauges are sampled (every 5 s, sooner while the consumer is being created): wait for the first.
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        for (var waited = 0; waited < 100 && !metrics.Contains("sofia_tickwriter_consumer_pending", StringComparison.Ordinal); waited++)
        {
            await Task.Delay(100, cancellationToken);
            metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        }

        var first = candles[0];
        var lastBinance = ticks.Where(t => t.Exchange == "binance" && t.Symbol == "BTC-USDT")
            .OrderBy(t => t.ExchangeTimeUs).ThenBy(t => t.TradeId.Length).ThenBy(t => t.TradeId, StringComparer.Ordinal).Last();

        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(candles.GetArrayLength(), Is.EqualTo(expected.Count));
            Assert.That(first.GetProperty("open").GetDecimal(), Is.EqualTo(expected[0].Open));
            Assert.That(first.GetProperty("volume").GetDecimal(), Is.EqualTo(expected[0].Volume));
            Assert.That(first.GetProperty("openTime").GetDateTimeOffset(), Is.EqualTo(expected[0].OpenTime));
            Assert.That(price.RootElement.GetProperty("symbol").GetString(), Is.EqualTo("BTC-USDT"));
            Assert.That(price.RootElement.GetProperty("prices")[0].GetProperty("exchange").GetString(), Is.EqualTo("binance"));
            Assert.That(price.RootElement.GetProperty("prices")[0].GetProperty("price").GetDecimal(), Is.EqualTo(lastBinance.Price.ToDecimal()));
            Assert.That(symbols.RootElement.GetProperty("symbols").GetArrayLength(), Is.EqualTo(2));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_rows_total"));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_insert_duration_seconds_bucket"));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_batch_size_bucket"));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_dead_letters_total"));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_insert_failures_total"));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_consumer_pending"));
            Assert.That(metrics, Does.Contain("sofia_tickwriter_consumer_ack_pending"));
        });
        await app.StopAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task On_the_in_process_bus_and_the_embedded_store_it_stores_ticks_once_dead_letters_poison_and_serves_candles(CancellationToken cancellationToken)
    {
        await using var bus = new InProcessMessageBus();
        var store = new EmbeddedMarketStore();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TickWriter:BatchDelayMs"] = "20",
            ["TickWriter:BatchSize"] = "500",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddSofiaDefaults();
        builder.Services.AddTickWriter(bus, store);
        await using var app = builder.Build();
        app.MapSofiaEndpoints();
        app.MapTickWriter();
        await app.StartAsync(cancellationToken);
        using var http = app.GetTestClient();

        // Every tick, the first 1,000 again under new message ids (a re-publish the bus cannot de-duplicate), and a poison message.
        var ticks = TickBook.Generate(3_000, seed: 8);
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        foreach (var (tick, suffix) in ticks.Select(t => (t, "")).Concat(ticks.Take(1_000).Select(t => (t, ":again"))))
        {
            var id = MessageHeaders.TickMessageId(tick.Exchange, tick.Symbol, tick.TradeId) + suffix;
            await bus.PublishAsync(new BusEnvelope(Subjects.Ticks(tick.Exchange, tick.Symbol), tick.ToByteArray(), id, null), cancellationToken);
        }

        var poison = TickDecoderTestsAccess.TickWithoutPrice();
        await bus.PublishAsync(new BusEnvelope(Subjects.Ticks("binance", "BTC-USDT"), poison, "poison", null), cancellationToken);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await ConsumerStateAsync(bus, cancellationToken) is not { Pending: 0, AckPending: 0 })
        {
            Assert.That(DateTimeOffset.UtcNow, Is.LessThan(deadline), "the writer did not catch up");
            await Task.Delay(20, cancellationToken);
        }

        var deadLetters = new List<IBusMessage>();
        await foreach (var message in bus.ReadStreamAsync(Streams.DeadLetters.Name, null, 1, cancellationToken))
        {
            deadLetters.Add(message);
        }

        using var response = await http.GetAsync(new Uri("/api/candles?exchange=okx&symbol=ETH-USDT&interval=15m&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var served = json.RootElement.GetProperty("candles");
        var expected15m = ExpectedCandles.Compute(ticks, "okx", "ETH-USDT", 900);
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
        var from = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Multiple(async () =>
        {
            foreach (var exchange in TickBook.Exchanges)
            {
                foreach (var symbol in TickBook.Markets)
                {
                    var actual = await store.ReadCandlesAsync(exchange, symbol, CandleInterval.All[0], from, from.AddDays(1), cancellationToken);
                    Assert.That(actual, Is.EqualTo(ExpectedCandles.Compute(ticks, exchange, symbol, 60)), $"{exchange} {symbol}");
                }
            }

            Assert.That(served.GetArrayLength(), Is.EqualTo(expected15m.Count));
            Assert.That(served.EnumerateArray().Select(c => c.GetProperty("trades").GetInt64()), Is.EqualTo(expected15m.Select(c => c.Trades)));
            Assert.That(served.EnumerateArray().Select(c => c.GetProperty("volume").GetDecimal()), Is.EqualTo(expected15m.Select(c => c.Volume)));
            Assert.That(deadLetters.Select(d => d.Data.ToArray()), Is.EqualTo(new[] { poison }));
            Assert.That(deadLetters[0].Headers.First(h => h.Key == BusHeaders.DeadLetterReason).Value, Is.EqualTo("price is missing"));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        await app.StopAsync(cancellationToken);
    }

    /// <summary>The writer's consumer state, or null before the writer created its consumer.</summary>
    private static async Task<BusConsumerState?> ConsumerStateAsync(InProcessMessageBus bus, CancellationToken cancellationToken)
    {
        try
        {
            return await bus.GetConsumerStateAsync(Streams.Ticks.Name, Durables.TickWriter, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
