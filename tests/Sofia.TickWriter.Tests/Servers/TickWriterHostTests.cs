using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Sofia.Contracts;
using Sofia.Hosting;
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
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
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
}
