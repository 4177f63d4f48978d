using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sofia.ClickHouse.Tests;

[TestFixture]
public sealed class ClickHouseClientTests
{
    private static readonly ClickHouseClientOptions Options = new()
    {
        BaseAddress = new Uri("http://clickhouse.test:8123/"),
        Database = "sofia",
        User = "writer",
        Password = "p@ss word",
        Settings = new Dictionary<string, string> { ["max_execution_time"] = "30", ["max_threads"] = "2" },
    };

    [Test]
    [CancelAfter(10_000)]
    public async Task Query_posts_the_sql_with_id_database_settings_and_credentials(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok("0700000008000000")));
        using var client = Client(handler);
        var options = new ClickHouseQueryOptions { QueryId = "my-query", Settings = new Dictionary<string, string> { ["max_threads"] = "8" } };

        var rows = await ToListAsync(client.QueryAsync("SELECT toUInt32(number) FROM numbers(2)", r => r.ReadUInt32(), options, cancellationToken), cancellationToken);

        var request = handler.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new uint[] { 7, 8 }));
            Assert.That(request.Uri.GetLeftPart(UriPartial.Path), Is.EqualTo("http://clickhouse.test:8123/"));
            Assert.That(request.Parameter("query_id"), Is.EqualTo("my-query"));
            Assert.That(request.Parameter("database"), Is.EqualTo("sofia"));
            Assert.That(request.Parameter("default_format"), Is.EqualTo("RowBinary"));
            Assert.That(request.Parameter("max_execution_time"), Is.EqualTo("30"));
            Assert.That(request.Parameter("max_threads"), Is.EqualTo("8"));
            Assert.That(request.HasParameter("password"), Is.False);
            Assert.That(request.Headers["X-ClickHouse-User"], Is.EqualTo("writer"));
            Assert.That(request.Headers["X-ClickHouse-Key"], Is.EqualTo("p@ss word"));
            Assert.That(request.Sql, Is.EqualTo("SELECT toUInt32(number) FROM numbers(2)"));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Query_id_is_a_new_guid_when_none_is_given(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok(string.Empty)));
        using var client = Client(handler);

        await ToListAsync(client.QueryAsync("SELECT 1", r => r.ReadUInt8(), cancellationToken: cancellationToken), cancellationToken);
        await ToListAsync(client.QueryAsync("SELECT 1", r => r.ReadUInt8(), cancellationToken: cancellationToken), cancellationToken);

        var ids = handler.Requests.Select(r => r.Parameter("query_id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids.All(id => Guid.TryParse(id, out _)), Is.True);
            Assert.That(ids.Distinct().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public void Query_raises_server_exception_with_the_code_from_an_18x_error_body(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(FakeClickHouseHandler.Respond(
            HttpStatusCode.Unauthorized,
            Encoding.UTF8.GetBytes("Code: 193, e.displayText() = DB::Exception: Wrong password for user writer, e.what() = DB::Exception\n"))));
        using var client = Client(handler);

        var error = Assert.ThrowsAsync<ClickHouseServerException>(
            async () => await ToListAsync(client.QueryAsync("SELECT 1", r => r.ReadUInt8(), new() { QueryId = "q" }, cancellationToken), cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(193));
            Assert.That(error.ServerMessage, Is.EqualTo("Wrong password for user writer"));
            Assert.That(error.QueryId, Is.EqualTo("q"));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public void Query_prefers_the_exception_code_header_when_the_server_sends_one(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(FakeClickHouseHandler.Respond(
            HttpStatusCode.Unauthorized,
            Encoding.UTF8.GetBytes("Code: 516. DB::Exception: writer: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED) (version 24.3.1.1)\n"),
            ("X-ClickHouse-Exception-Code", "516"))));
        using var client = Client(handler);

        var error = Assert.ThrowsAsync<ClickHouseServerException>(
            async () => await ToListAsync(client.QueryAsync("SELECT 1", r => r.ReadUInt8(), cancellationToken: cancellationToken), cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(516));
            Assert.That(error.ErrorName, Is.EqualTo("AUTHENTICATION_FAILED"));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Query_raises_server_exception_when_error_arrives_mid_stream(CancellationToken cancellationToken)
    {
        var body = Concat(Convert.FromHexString("0100000000000000"), Encoding.UTF8.GetBytes(
            "Code: 395, e.displayText() = DB::Exception: Value passed to 'throwIf' function is non zero, e.what() = DB::Exception\n"));
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(FakeClickHouseHandler.Respond(HttpStatusCode.OK, body)));
        using var client = Client(handler);
        var rows = new List<long>();

        var error = await CatchAsync(async () =>
        {
            await foreach (var row in client.QueryAsync("SELECT …", r => r.ReadInt64(), cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new long[] { 1 }));
            Assert.That(error, Is.TypeOf<ClickHouseServerException>().With.Property(nameof(ClickHouseServerException.Code)).EqualTo(395));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public void Execute_raises_server_exception_for_an_error_in_a_200_body(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(FakeClickHouseHandler.Respond(
            HttpStatusCode.OK,
            Encoding.UTF8.GetBytes("1\n2\nCode: 241. DB::Exception: Memory limit exceeded. (MEMORY_LIMIT_EXCEEDED) (version 24.3.1.1)\n"))));
        using var client = Client(handler);

        var error = Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteAsync("INSERT INTO t SELECT …", cancellationToken: cancellationToken));

        Assert.That(error.Code, Is.EqualTo(241));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Insert_sends_gzipped_row_binary_with_the_statement_in_the_url(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok(string.Empty)));
        using var client = Client(handler);
        (uint Id, string Name)[] rows = [(1, "a"), (2, "Ж")];

        var written = await client.InsertAsync(
            "sofia.ticks",
            ["id", "name"],
            rows,
            (w, row) =>
            {
                w.WriteUInt32(row.Id);
                w.WriteString(row.Name);
            },
            cancellationToken: cancellationToken);

        var request = handler.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(2));
            Assert.That(request.Parameter("query"), Is.EqualTo("INSERT INTO `sofia`.`ticks` (`id`, `name`) FORMAT RowBinary"));
            Assert.That(request.ContentEncoding, Is.EqualTo((string[])["gzip"]));
            Assert.That(Gunzip(request.Body), Is.EqualTo(Convert.FromHexString("010000000161" + "0200000002d096")));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Insert_of_no_rows_sends_nothing(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok(string.Empty)));
        using var client = Client(handler);

        var written = await client.InsertAsync("t", [], Array.Empty<int>(), (w, n) => w.WriteInt32(n), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.Zero);
            Assert.That(handler.Requests, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public void Insert_raises_what_the_row_writer_throws(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok(string.Empty)));
        using var client = Client(handler);

        Assert.ThrowsAsync<OverflowException>(() => client.InsertAsync(
            "t", ["d"], [1m, 1e20m], (w, d) => w.WriteDecimal(d, 18, 4), cancellationToken: cancellationToken));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Cancelling_a_query_kills_it_on_the_server(CancellationToken cancellationToken)
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var handler = new FakeClickHouseHandler(async (request, token) =>
        {
            if (request.Sql.StartsWith("KILL", StringComparison.Ordinal))
            {
                return Ok(string.Empty);
            }

            await caller.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return Ok(string.Empty);
        });
        using var client = Client(handler);

        Assert.ThrowsAsync(
            Is.InstanceOf<OperationCanceledException>(),
            async () => await ToListAsync(client.QueryAsync("SELECT sleep(3)", r => r.ReadUInt8(), new() { QueryId = "it's-long" }, caller.Token), cancellationToken));

        Assert.That(handler.Requests.Last().Sql, Is.EqualTo(@"KILL QUERY WHERE query_id = 'it\'s-long'"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_query_over_its_time_limit_times_out_and_is_killed(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler(async (request, token) =>
        {
            if (!request.Sql.StartsWith("KILL", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return Ok(string.Empty);
        });
        using var client = Client(handler);

        Assert.ThrowsAsync<TimeoutException>(() => client.ExecuteAsync(
            "OPTIMIZE TABLE t FINAL", new() { QueryId = "slow", Timeout = TimeSpan.FromMilliseconds(100) }, cancellationToken));

        Assert.That(handler.Requests.Select(r => r.Sql), Has.Member("KILL QUERY WHERE query_id = 'slow'"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_command_cancelled_while_its_client_is_disposed_raises_the_cancellation(CancellationToken cancellationToken)
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ClickHouseClient? client = null;
        using var handler = new FakeClickHouseHandler(async (_, token) =>
        {
            // A host shutting down: the caller's token fires and the client is disposed under the command.
            await caller.CancelAsync();
            client!.Dispose();
            await Task.Delay(Timeout.Infinite, token);
            return Ok(string.Empty);
        });
        client = Client(handler);

        Assert.ThrowsAsync(
            Is.TypeOf<OperationCanceledException>().With.Message.Contains("shutdown"),
            () => client.ExecuteAsync("OPTIMIZE TABLE t FINAL", new() { QueryId = "shutdown" }, caller.Token));
        Assert.That(handler.Requests, Has.Count.EqualTo(1), "no KILL QUERY through a disposed client");
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_kill_that_fails_does_not_hide_the_timeout(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler(async (request, token) =>
        {
            if (request.Sql.StartsWith("KILL", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the kill broke");
            }

            await Task.Delay(Timeout.Infinite, token);
            return Ok(string.Empty);
        });
        using var client = Client(handler);

        Assert.ThrowsAsync<TimeoutException>(() => client.ExecuteAsync(
            "OPTIMIZE TABLE t FINAL", new() { QueryId = "slow", Timeout = TimeSpan.FromMilliseconds(100) }, cancellationToken));
        Assert.That(handler.Requests.Select(r => r.Sql), Has.Member("KILL QUERY WHERE query_id = 'slow'"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void An_unreachable_server_raises_clickhouse_exception_with_the_query_id(CancellationToken cancellationToken)
    {
        using var handler = new FakeClickHouseHandler((_, _) => throw new HttpRequestException("Connection refused (clickhouse.test:8123)"));
        using var client = Client(handler);

        var error = Assert.ThrowsAsync<ClickHouseException>(() => client.ExecuteAsync("SELECT 1", new() { QueryId = "q" }, cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(error.QueryId, Is.EqualTo("q"));
            Assert.That(error.InnerException, Is.TypeOf<HttpRequestException>());
            Assert.That(error.Message, Does.Contain("http://clickhouse.test:8123/"));
        });
    }

    [TestCase("query")]
    [TestCase("query_id")]
    [TestCase("password")]
    [TestCase("max threads")]
    public void Settings_that_would_override_the_protocol_are_refused(string name)
    {
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok(string.Empty)));
        using var client = Client(handler);

        Assert.That(
            () => client.ExecuteAsync("SELECT 1", new() { Settings = new Dictionary<string, string> { [name] = "1" } }),
            Throws.ArgumentException);
    }

    [Test]
    public void Invalid_options_are_refused_naming_the_option()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ClickHouseClient(Options with { BaseAddress = new Uri("/relative", UriKind.Relative) }), Throws.ArgumentException.With.Message.Contains("BaseAddress"));
            Assert.That(() => new ClickHouseClient(Options with { Timeout = TimeSpan.Zero }), Throws.ArgumentException.With.Message.Contains("Timeout"));
            Assert.That(() => new ClickHouseClient(Options with { Database = " " }), Throws.ArgumentException.With.Message.Contains("Database"));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Metrics_count_queries_rows_and_bytes_on_the_sofia_clickhouse_meter(CancellationToken cancellationToken)
    {
        var measurements = new List<(string Name, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Sofia.ClickHouse")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value));
            }
        });
        listener.Start();
        using var handler = new FakeClickHouseHandler((_, _) => Task.FromResult(Ok("0700000008000000")));
        using var client = Client(handler);

        await ToListAsync(client.QueryAsync("SELECT 1", r => r.ReadUInt32(), cancellationToken: cancellationToken), cancellationToken);

        lock (measurements)
        {
            Assert.Multiple(() =>
            {
                Assert.That(measurements, Has.Member(("sofia.clickhouse.queries", 1L)));
                Assert.That(measurements, Has.Member(("sofia.clickhouse.rows_read", 2L)));
                Assert.That(measurements, Has.Member(("sofia.clickhouse.bytes_read", 8L)));
            });
        }
    }

    private static ClickHouseClient Client(FakeClickHouseHandler handler) =>
        new(Options, handler, NullLogger.Instance, meterFactory: null);

    private static HttpResponseMessage Ok(string hex) => FakeClickHouseHandler.Respond(HttpStatusCode.OK, Convert.FromHexString(hex));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    private static async Task<Exception?> CatchAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static byte[] Gunzip(byte[] body)
    {
        using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
