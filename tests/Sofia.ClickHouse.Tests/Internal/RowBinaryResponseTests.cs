using System.Text;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse.Tests.Internal;

[TestFixture]
public sealed class RowBinaryResponseTests
{
    private const string MidStreamError =
        "Code: 395, e.displayText() = DB::Exception: Value passed to 'throwIf' function is non zero, e.what() = DB::Exception\n";

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4096)]
    public async Task Reads_rows_that_cross_buffer_boundaries_whole(int chunkSize)
    {
        // Rows of (UInt32 n, String s) with s growing, through a 16-byte starting buffer.
        var body = new List<byte>();
        for (uint n = 0; n < 100; n++)
        {
            body.AddRange(BitConverter.GetBytes(n));
            body.Add((byte)n);
            body.AddRange(Enumerable.Repeat((byte)'x', (int)n));
        }

        var rows = await ReadAllAsync([.. body], chunkSize, r => (N: r.ReadUInt32(), S: r.ReadString()));

        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(100));
            Assert.That(rows.Select(r => (int)r.N), Is.EqualTo(Enumerable.Range(0, 100)));
            Assert.That(rows.All(r => r.S == new string('x', (int)r.N)), Is.True);
        });
    }

    [Test]
    public async Task Raises_the_server_error_written_after_the_last_row()
    {
        var body = Concat(Hex("0100000000000000 0200000000000000"), Encoding.UTF8.GetBytes(MidStreamError));
        var rows = new List<long>();

        var error = await ReadUntilErrorAsync(body, 7, r => r.ReadInt64(), rows);

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(error, Is.TypeOf<ClickHouseServerException>());
            Assert.That(((ClickHouseServerException)error!).Code, Is.EqualTo(395));
            Assert.That(((ClickHouseServerException)error).QueryId, Is.EqualTo("q1"));
        });
    }

    [Test]
    public async Task Raises_a_24x_error_written_after_the_last_row()
    {
        var body = Concat(
            Hex("01"),
            Encoding.UTF8.GetBytes("Code: 395. DB::Exception: Value passed to 'throwIf' function is non-zero. (FUNCTION_THROW_IF_VALUE_IS_NON_ZERO) (version 24.3.1.1)\n"));
        var rows = new List<byte>();

        var error = await ReadUntilErrorAsync(body, 1000, r => r.ReadUInt8(), rows);

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new byte[] { 1 }));
            Assert.That(((ClickHouseServerException)error!).ErrorName, Is.EqualTo("FUNCTION_THROW_IF_VALUE_IS_NON_ZERO"));
        });
    }

    [Test]
    public async Task A_row_that_starts_like_an_error_but_is_not_at_the_end_is_data()
    {
        // An Int64 whose bytes spell "Code: 12", then an ordinary row.
        var lookalike = Encoding.ASCII.GetBytes("Code: 12");
        var body = Concat(lookalike, Hex("0500000000000000"));

        var rows = await ReadAllAsync(body, 3, r => r.ReadInt64());

        Assert.That(rows, Is.EqualTo(new[] { BitConverter.ToInt64(lookalike), 5L }));
    }

    [Test]
    public async Task A_body_that_ends_inside_a_row_is_a_protocol_error()
    {
        var body = Hex("0100000000000000 0200");

        var error = await ReadUntilErrorAsync(body, 4096, r => r.ReadInt64(), []);

        Assert.That(error, Is.TypeOf<ClickHouseException>().With.Message.Contains("ended inside a row"));
    }

    [Test]
    public async Task A_cut_connection_is_an_error_not_the_end_of_the_rows()
    {
        var body = Hex("0100000000000000");
        var rows = new List<long>();

        var error = await ReadUntilErrorAsync(body, 4096, r => r.ReadInt64(), rows, failAtEnd: true);

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new long[] { 1 }));
            Assert.That(error, Is.TypeOf<ClickHouseException>().With.InnerException.TypeOf<IOException>());
        });
    }

    [Test]
    public async Task A_mapper_that_reads_no_column_is_refused()
    {
        var error = await ReadUntilErrorAsync(Hex("01"), 4096, _ => 0, []);

        Assert.That(error, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public async Task An_empty_body_has_no_rows() =>
        Assert.That(await ReadAllAsync([], 16, r => r.ReadInt64()), Is.Empty);

    internal static async Task<List<T>> ReadAllAsync<T>(byte[] body, int chunkSize, ClickHouseRowMapper<T> map)
    {
        var rows = new List<T>();
        var error = await ReadUntilErrorAsync(body, chunkSize, map, rows);
        return error is null ? rows : throw error;
    }

    private static async Task<Exception?> ReadUntilErrorAsync<T>(byte[] body, int chunkSize, ClickHouseRowMapper<T> map, List<T> rows, bool failAtEnd = false)
    {
        using var response = new RowBinaryResponse(new TrickleStream(body, chunkSize, failAtEnd), "q1", initialBufferSize: 16);
        try
        {
            while (true)
            {
                switch (response.TryReadRow(map, out var value))
                {
                    case RowStatus.Row:
                        rows.Add(value);
                        break;
                    case RowStatus.End:
                        return null;
                    default:
                        await response.FillAsync(CancellationToken.None);
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static byte[] Hex(string hex) => ClickHouseBulkWriterTests.Hex(hex);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
