using System.Diagnostics;
using Sofia.ClickHouse;
using Sofia.Testing;

namespace Sofia.IntegrationTests.ClickHouse;

/// <summary>Errors, authentication, streaming, cancellation and inserts against a real clickhouse-server 18.16.</summary>
[TestFixture]
public sealed class ClickHouseClientTests
{
    private const string EndlessAggregation = "SELECT count() FROM numbers(100000000000) WHERE NOT ignore(sipHash64(number))";

    private ClickHouseServer _server = null!;
    private ClickHouseClient _client = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await ClickHouseServer.StartNewAsync();
        _client = new ClickHouseClient(Options());
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(60_000)]
    public async Task Query_raises_server_exception_when_error_arrives_mid_stream(bool compressResponses, CancellationToken cancellationToken)
    {
        // 18.16 sends 200 and the rows of the blocks before the failing one (past its 1 MiB response buffer),
        // then the error text; a smaller result fails before the headers, with status 500.
        const string sql = "SELECT number, throwIf(number = 1000000) FROM system.numbers LIMIT 2000000";
        var settings = new Dictionary<string, string> { ["max_block_size"] = "100000", ["send_progress_in_http_headers"] = "0" };
        long rows = 0;
        using var client = new ClickHouseClient(Options() with { CompressResponses = compressResponses });

        var error = await CatchAsync(async () =>
        {
            await foreach (var (number, _) in client.QueryAsync(sql, r => (r.ReadUInt64(), r.ReadUInt8()), new() { Settings = settings }, cancellationToken))
            {
                Assert.That(number, Is.EqualTo((ulong)rows));
                rows++;
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.TypeOf<ClickHouseServerException>());
            Assert.That(((ClickHouseServerException)error!).Code, Is.EqualTo(395));
            Assert.That(((ClickHouseServerException)error).ServerMessage, Does.Contain("throwIf"));
            Assert.That(rows, Is.GreaterThan(0).And.LessThanOrEqualTo(1_000_000));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public void Query_raises_server_exception_with_status_code_error_before_any_row(CancellationToken cancellationToken)
    {
        var error = Assert.ThrowsAsync<ClickHouseServerException>(async () => await CountAsync(
            _client.QueryAsync("SELECT * FROM no_such_table", r => r.ReadUInt8(), cancellationToken: cancellationToken), cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(60));
            Assert.That(error.ServerMessage, Does.Contain("no_such_table"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Test_user_with_the_right_password_is_served(CancellationToken cancellationToken)
    {
        using var client = new ClickHouseClient(Options() with { User = ClickHouseServer.TestUser, Password = ClickHouseServer.TestPassword });

        var rows = await CountAsync(client.QueryAsync("SELECT 1", r => r.ReadUInt8(), cancellationToken: cancellationToken), cancellationToken);

        Assert.That(rows, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Wrong_password_raises_server_exception_with_the_authentication_code(CancellationToken cancellationToken)
    {
        using var client = new ClickHouseClient(Options() with { User = ClickHouseServer.TestUser, Password = "wrong" });

        var error = Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: cancellationToken));

        // 18.16: 193 WRONG_PASSWORD (HTTP 401, code only in the body); 20.x and later: 516 AUTHENTICATION_FAILED.
        Assert.That(error.Code, Is.AnyOf(193, 516));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Unknown_user_raises_server_exception_with_the_authentication_code(CancellationToken cancellationToken)
    {
        using var client = new ClickHouseClient(Options() with { User = "nobody", Password = "x" });

        var error = Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: cancellationToken));

        // 18.16: 192 UNKNOWN_USER; 20.x and later: 516 AUTHENTICATION_FAILED.
        Assert.That(error.Code, Is.AnyOf(192, 516));
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(120_000)]
    public async Task Query_streams_ten_million_rows_without_holding_them(CancellationToken cancellationToken)
    {
        const long count = 10_000_000;
        long rows = 0;
        ulong sum = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await foreach (var number in _client.QueryAsync($"SELECT number FROM system.numbers LIMIT {count}", r => r.ReadUInt64(), cancellationToken: cancellationToken))
        {
            rows++;
            sum += number;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(count));
            Assert.That(sum, Is.EqualTo((ulong)(count * (count - 1) / 2)));
            // The result is 80 MB of UInt64; the whole process allocated a small fraction of it meanwhile.
            Assert.That(allocated, Is.LessThan(8_000_000), $"{allocated} bytes allocated");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Cancelling_a_query_kills_it_on_the_server(CancellationToken cancellationToken)
    {
        var queryId = TestNames.Unique("cancel");
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var query = CountAsync(_client.QueryAsync(EndlessAggregation, r => r.ReadUInt64(), new() { QueryId = queryId }, caller.Token), caller.Token);

        await WaitUntilAsync(() => IsRunningAsync(queryId, cancellationToken), true, cancellationToken);
        await caller.CancelAsync();

        Assert.That(async () => await query, Throws.InstanceOf<OperationCanceledException>());
        await WaitUntilAsync(() => IsRunningAsync(queryId, cancellationToken), false, cancellationToken);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Closing_the_connection_alone_leaves_a_query_without_output_running(CancellationToken cancellationToken)
    {
        // Why KillQueryOnCancel exists: 18.16 notices a closed connection only when it next writes output.
        var queryId = TestNames.Unique("orphan");
        using var client = new ClickHouseClient(Options() with { KillQueryOnCancel = false });
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var query = client.ExecuteAsync(EndlessAggregation, new() { QueryId = queryId }, caller.Token);
        await WaitUntilAsync(() => IsRunningAsync(queryId, cancellationToken), true, cancellationToken);

        await caller.CancelAsync();
        Assert.That(async () => await query, Throws.InstanceOf<OperationCanceledException>());
        var stillRunning = await IsRunningAsync(queryId, cancellationToken);
        await _client.ExecuteAsync(ClickHouseSql.Format($"KILL QUERY WHERE query_id = {queryId}"), cancellationToken: cancellationToken);
        await WaitUntilAsync(() => IsRunningAsync(queryId, cancellationToken), false, cancellationToken);

        Assert.That(stillRunning, Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_query_over_its_time_limit_raises_timeout_and_is_killed(CancellationToken cancellationToken)
    {
        var queryId = TestNames.Unique("timeout");

        Assert.ThrowsAsync<TimeoutException>(() => _client.ExecuteAsync(
            EndlessAggregation, new() { QueryId = queryId, Timeout = TimeSpan.FromSeconds(1) }, cancellationToken));

        await WaitUntilAsync(() => IsRunningAsync(queryId, cancellationToken), false, cancellationToken);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Query_id_is_visible_in_system_processes_while_it_runs(CancellationToken cancellationToken)
    {
        var queryId = TestNames.Unique("visible");

        var seen = await ToListAsync(
            _client.QueryAsync("SELECT query_id FROM system.processes", r => r.ReadString(), new() { QueryId = queryId }, cancellationToken),
            cancellationToken);

        Assert.That(seen, Has.Member(queryId));
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(60_000)]
    public async Task Insert_of_many_rows_arrives_whole_with_and_without_gzip(bool compress, CancellationToken cancellationToken)
    {
        const int count = 300_000;
        var database = await CreateDatabaseAsync(cancellationToken);
        using var client = new ClickHouseClient(Options() with { Database = database, CompressRequests = compress });
        await client.ExecuteAsync("CREATE TABLE ticks (id UInt64, symbol String, price Float64) ENGINE = MergeTree() ORDER BY id", cancellationToken: cancellationToken);

        var written = await client.InsertAsync("ticks", ["id", "symbol", "price"], Enumerable.Range(0, count), (w, i) =>
        {
            w.WriteUInt64((ulong)i);
            w.WriteString(i % 2 == 0 ? "BTC-USDT" : "ETH-USDT");
            w.WriteFloat64(i * 0.5);
        }, cancellationToken: cancellationToken);

        var (rows, ids, btc, prices) = (await ToListAsync(
            client.QueryAsync("SELECT count(), sum(id), countIf(symbol = 'BTC-USDT'), sum(price) FROM ticks", r => (r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadFloat64()), cancellationToken: cancellationToken),
            cancellationToken)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(count));
            Assert.That(rows, Is.EqualTo(count));
            Assert.That(ids, Is.EqualTo((ulong)count * (count - 1) / 2));
            Assert.That(btc, Is.EqualTo(count / 2));
            Assert.That(prices, Is.EqualTo(0.5 * count * (count - 1) / 2));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Insert_rejected_by_the_server_raises_server_exception(CancellationToken cancellationToken)
    {
        var database = await CreateDatabaseAsync(cancellationToken);

        var error = Assert.ThrowsAsync<ClickHouseServerException>(() => _client.InsertAsync(
            $"{database}.missing", ["id"], [1, 2], (w, i) => w.WriteInt32(i), cancellationToken: cancellationToken));

        Assert.That(error.Code, Is.EqualTo(60));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Database_and_settings_apply_per_query(CancellationToken cancellationToken)
    {
        var database = await CreateDatabaseAsync(cancellationToken);

        var current = await ToListAsync(
            _client.QueryAsync("SELECT currentDatabase()", r => r.ReadString(), new() { Database = database }, cancellationToken), cancellationToken);
        var limited = Assert.ThrowsAsync<ClickHouseServerException>(async () => await CountAsync(
            _client.QueryAsync(
                "SELECT number FROM numbers(10)",
                r => r.ReadUInt64(),
                new() { Settings = new Dictionary<string, string> { ["max_result_rows"] = "5", ["result_overflow_mode"] = "throw" } },
                cancellationToken),
            cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(current, Is.EqualTo(new[] { database }));
            Assert.That(limited.Code, Is.EqualTo(396));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Compressed_responses_read_the_same_rows(CancellationToken cancellationToken)
    {
        using var client = new ClickHouseClient(Options() with { CompressResponses = true });

        var numbers = await ToListAsync(client.QueryAsync("SELECT number FROM numbers(100000)", r => r.ReadUInt64(), cancellationToken: cancellationToken), cancellationToken);

        Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, 100_000).Select(i => (ulong)i)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Stopping_early_leaves_the_client_usable(CancellationToken cancellationToken)
    {
        await foreach (var _ in _client.QueryAsync("SELECT number FROM system.numbers", r => r.ReadUInt64(), cancellationToken: cancellationToken))
        {
            break;
        }

        var rows = await CountAsync(_client.QueryAsync("SELECT 1", r => r.ReadUInt8(), cancellationToken: cancellationToken), cancellationToken);

        Assert.That(rows, Is.EqualTo(1));
    }

    private ClickHouseClientOptions Options() => new() { BaseAddress = _server.HttpUrl };

    private async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("client");
        await _client.ExecuteAsync($"CREATE DATABASE {database}", cancellationToken: cancellationToken);
        return database;
    }

    private async Task<bool> IsRunningAsync(string queryId, CancellationToken cancellationToken)
    {
        var sql = ClickHouseSql.Format($"SELECT count() FROM system.processes WHERE query_id = {queryId}");
        var counts = await ToListAsync(_client.QueryAsync(sql, r => r.ReadUInt64(), cancellationToken: cancellationToken), cancellationToken);
        return counts.Single() > 0;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> probe, bool expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (await probe() != expected)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.Fail($"Still not {expected} after {deadline.Elapsed}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<long> CountAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in rows.WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }

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
}
