using System.Text;
using Sofia.ClickHouse;
using Sofia.Testing;

namespace Sofia.IntegrationTests.ClickHouse;

/// <summary>Every column type Sofia uses, through RowBinary inserts, RowBinary queries and SQL literals, on a real 18.16 server.</summary>
[TestFixture]
public sealed class ClickHouseTypesTests
{
    private static readonly string[] HostileStrings =
    [
        string.Empty,
        "plain",
        "tab\there",
        "new\nline and \r\n crlf",
        @"back\slash \\ \n \t \0 \'",
        "single ' quote and '' two",
        "double \" quote and back ` tick",
        "nul\0byte\0\0",
        "'; DROP TABLE t; --",
        @"\'; DROP TABLE t; --",
        "Привет, мир",
        "emoji 🚀💰 and 汉字",
        "\u0001\u0007\b\f\v\u001f\u007f",
        new string('x', 300),
    ];

    private ClickHouseServer _server = null!;
    private ClickHouseClient _client = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await ClickHouseServer.StartNewAsync();
        _client = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Every_type_round_trips_through_row_binary_insert_and_query(CancellationToken cancellationToken)
    {
        var database = await CreateDatabaseAsync(cancellationToken);
        await _client.ExecuteAsync(
            """
            CREATE TABLE all_types (
                id UInt32, s String, f64 Float64, f32 Float32,
                i8 Int8, i16 Int16, i32 Int32, i64 Int64,
                u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64,
                t DateTime, d Date,
                ns Nullable(String), ni Nullable(Int64), nf Nullable(Float64), nt Nullable(DateTime), nd Nullable(Decimal(18, 4)),
                d9 Decimal(9, 2), d18 Decimal(18, 4), d38 Decimal(38, 10)
            ) ENGINE = MergeTree() ORDER BY id
            """,
            new() { Database = database },
            cancellationToken);
        var rows = SampleRows();

        var written = await _client.InsertAsync(database + ".all_types", [], rows, WriteRow, cancellationToken: cancellationToken);
        var read = await ToListAsync(
            _client.QueryAsync("SELECT * FROM all_types ORDER BY id", ReadRow, new() { Database = database }, cancellationToken),
            cancellationToken);

        Assert.That(written, Is.EqualTo(rows.Count));
        Assert.That(read, Has.Count.EqualTo(rows.Count));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.That(read[i], Is.EqualTo(rows[i]), $"row {i}");
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Server_stores_the_exact_utf8_bytes_of_hostile_strings(CancellationToken cancellationToken)
    {
        var database = await CreateDatabaseAsync(cancellationToken);
        await _client.ExecuteAsync("CREATE TABLE strings (id UInt32, s String) ENGINE = MergeTree() ORDER BY id", new() { Database = database }, cancellationToken);
        var indexed = HostileStrings.Select((s, i) => (Id: (uint)i, S: s)).ToList();
        await _client.InsertAsync($"{database}.strings", ["id", "s"], indexed, (w, r) =>
        {
            w.WriteUInt32(r.Id);
            w.WriteString(r.S);
        }, cancellationToken: cancellationToken);

        // The server's own hex() of what it stored, against .NET's UTF-8 encoding of the input.
        var hexes = await ToListAsync(
            _client.QueryAsync($"SELECT hex(s), length(s) FROM {database}.strings ORDER BY id", r => (Hex: r.ReadString(), Length: r.ReadUInt64()), cancellationToken: cancellationToken),
            cancellationToken);

        Assert.That(hexes, Is.EqualTo(HostileStrings.Select(s => (Convert.ToHexString(Encoding.UTF8.GetBytes(s)), (ulong)Encoding.UTF8.GetByteCount(s))).ToList()));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task String_literals_of_hostile_strings_read_back_unchanged_and_match_stored_rows(CancellationToken cancellationToken)
    {
        var database = await CreateDatabaseAsync(cancellationToken);
        await _client.ExecuteAsync("CREATE TABLE strings (id UInt32, s String) ENGINE = MergeTree() ORDER BY id", new() { Database = database }, cancellationToken);
        var indexed = HostileStrings.Select((s, i) => (Id: (uint)i, S: s)).ToList();
        await _client.InsertAsync($"{database}.strings", ["id", "s"], indexed, (w, r) =>
        {
            w.WriteUInt32(r.Id);
            w.WriteString(r.S);
        }, cancellationToken: cancellationToken);

        foreach (var (id, value) in indexed)
        {
            var sql = ClickHouseSql.Format($"SELECT {value}, id FROM {database:id}.strings WHERE s = {value}");
            var found = await ToListAsync(_client.QueryAsync(sql, r => (S: r.ReadString(), Id: r.ReadUInt32()), cancellationToken: cancellationToken), cancellationToken);
            Assert.That(found, Is.EqualTo(new[] { (value, id) }), $"literal {ClickHouseSql.Literal(value)}");
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Number_date_and_decimal_literals_mean_on_the_server_what_they_mean_in_dotnet(CancellationToken cancellationToken)
    {
        var time = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        // 1704164645 = seconds from 1970-01-01 to 2024-01-02 03:04:05 UTC; 19724 = days to 2024-01-02.
        var sql = ClickHouseSql.Format(
            $"""
            SELECT
                toUnixTimestamp({time}) = 1704164645,
                toUInt16({new DateOnly(2024, 1, 2)}) = 19724,
                {long.MinValue} = -9223372036854775808,
                {ulong.MaxValue} = 18446744073709551615,
                10-{-5} = 15,
                {0.1} = 0.1,
                isNaN({double.NaN}),
                {double.NegativeInfinity} < -1e308,
                toDecimal64('123.4567', 4) = {123.4567m},
                toDecimal64('-0.10', 2) = {-0.1m},
                {true} = 1 AND {false} = 0
            """);

        var row = (await ToListAsync(_client.QueryAsync(sql, r => Enumerable.Range(0, 11).Select(_ => r.ReadUInt8()).ToArray(), cancellationToken: cancellationToken), cancellationToken)).Single();

        Assert.That(row, Is.All.EqualTo(1), sql);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Decimal_extremes_round_trip_at_each_precision(CancellationToken cancellationToken)
    {
        var database = await CreateDatabaseAsync(cancellationToken);
        await _client.ExecuteAsync("CREATE TABLE money (id UInt8, d9 Decimal(9, 2), d18 Decimal(18, 8), d38 Decimal(38, 18)) ENGINE = Memory", new() { Database = database }, cancellationToken);
        (byte Id, decimal D9, decimal D18, decimal D38)[] rows =
        [
            (1, 9999999.99m, 9999999999.99999999m, 9999999999.999999999999999999m),
            (2, -9999999.99m, -9999999999.99999999m, -9999999999.999999999999999999m),
            (3, 0.01m, 0.00000001m, 0.000000000000000001m),
            (4, 0m, 0m, 0m),
        ];
        await _client.InsertAsync($"{database}.money", [], rows, (w, r) =>
        {
            w.WriteUInt8(r.Id);
            w.WriteDecimal(r.D9, 9, 2);
            w.WriteDecimal(r.D18, 18, 8);
            w.WriteDecimal(r.D38, 38, 18);
        }, cancellationToken: cancellationToken);

        var read = await ToListAsync(
            _client.QueryAsync($"SELECT id, d9, d18, d38, toString(d38) FROM {database}.money ORDER BY id", r => (r.ReadUInt8(), r.ReadDecimal(9, 2), r.ReadDecimal(18, 8), r.ReadDecimal(38, 18), r.ReadString()), cancellationToken: cancellationToken),
            cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(read.Select(r => (r.Item1, r.Item2, r.Item3, r.Item4)), Is.EqualTo(rows.Select(r => (r.Id, r.D9, r.D18, r.D38))));
            Assert.That(read[0].Item5, Is.EqualTo("9999999999.999999999999999999"));
            Assert.That(read[2].Item5, Is.EqualTo("0.000000000000000001"));
        });
    }

    private static List<AllTypes> SampleRows() =>
    [
        new(1, "simple", 1.5, 2.25f, 1, 2, 3, 4, 5, 6, 7, 8,
            new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateOnly(2024, 1, 2),
            "x", 9, 0.5, new DateTime(2025, 6, 7, 8, 9, 10, DateTimeKind.Utc), 1.2345m, 1.5m, 123.4567m, 1.1m),
        new(2, "tab\tnewline\nback\\slash 'single' \"double\" nul\0 Привет 🚀", double.MaxValue, float.MinValue,
            sbyte.MinValue, short.MinValue, int.MinValue, long.MinValue, byte.MaxValue, ushort.MaxValue, uint.MaxValue, ulong.MaxValue,
            DateTime.UnixEpoch, new DateOnly(1970, 1, 1),
            null, null, null, null, null, -9999999.99m, -99999999999999.9999m, -999999999999999999.9999999999m),
        new(3, string.Empty, double.NegativeInfinity, float.Epsilon,
            sbyte.MaxValue, short.MaxValue, int.MaxValue, long.MaxValue, 0, 0, 0, 0,
            new DateTime(2106, 2, 7, 6, 28, 15, DateTimeKind.Utc), new DateOnly(2149, 6, 6),
            string.Empty, long.MinValue, double.Epsilon, DateTime.UnixEpoch, -0.0001m, 0m, 0m, 0.0000000001m),
    ];

    private static void WriteRow(ClickHouseBulkWriter w, AllTypes r)
    {
        w.WriteUInt32(r.Id);
        w.WriteString(r.S);
        w.WriteFloat64(r.F64);
        w.WriteFloat32(r.F32);
        w.WriteInt8(r.I8);
        w.WriteInt16(r.I16);
        w.WriteInt32(r.I32);
        w.WriteInt64(r.I64);
        w.WriteUInt8(r.U8);
        w.WriteUInt16(r.U16);
        w.WriteUInt32(r.U32);
        w.WriteUInt64(r.U64);
        w.WriteDateTime(r.T);
        w.WriteDate(r.D);
        w.WriteNullableString(r.Ns);
        w.WriteNullableInt64(r.Ni);
        w.WriteNullableFloat64(r.Nf);
        w.WriteNullableDateTime(r.Nt);
        w.WriteNullableDecimal(r.Nd, 18, 4);
        w.WriteDecimal(r.D9, 9, 2);
        w.WriteDecimal(r.D18, 18, 4);
        w.WriteDecimal(r.D38, 38, 10);
    }

    private static AllTypes ReadRow(ClickHouseRowReader r) => new(
        r.ReadUInt32(), r.ReadString(), r.ReadFloat64(), r.ReadFloat32(),
        r.ReadInt8(), r.ReadInt16(), r.ReadInt32(), r.ReadInt64(),
        r.ReadUInt8(), r.ReadUInt16(), r.ReadUInt32(), r.ReadUInt64(),
        r.ReadDateTime(), r.ReadDate(),
        r.ReadNullableString(), r.ReadNullableInt64(), r.ReadNullableFloat64(), r.ReadNullableDateTime(), r.ReadNullableDecimal(18, 4),
        r.ReadDecimal(9, 2), r.ReadDecimal(18, 4), r.ReadDecimal(38, 10));

    private async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("types");
        await _client.ExecuteAsync($"CREATE DATABASE {database}", cancellationToken: cancellationToken);
        return database;
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

    private sealed record AllTypes(
        uint Id, string S, double F64, float F32,
        sbyte I8, short I16, int I32, long I64,
        byte U8, ushort U16, uint U32, ulong U64,
        DateTime T, DateOnly D,
        string? Ns, long? Ni, double? Nf, DateTime? Nt, decimal? Nd,
        decimal D9, decimal D18, decimal D38);
}
