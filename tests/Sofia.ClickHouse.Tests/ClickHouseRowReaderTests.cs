using System.Text;
using Sofia.ClickHouse.Tests.Internal;

namespace Sofia.ClickHouse.Tests;

[TestFixture]
public sealed class ClickHouseRowReaderTests
{
    [Test]
    public async Task Reads_integers_and_floats_at_their_width()
    {
        var body = ClickHouseBulkWriterTests.Hex("fe feff 01000000 ffffffffffffffff ff 0201 04030201 0807060504030201 0000c03f 00000000000000c0");

        var rows = await RowBinaryResponseTests.ReadAllAsync(body, 5, r => (
            r.ReadInt8(), r.ReadInt16(), r.ReadInt32(), r.ReadInt64(),
            r.ReadUInt8(), r.ReadUInt16(), r.ReadUInt32(), r.ReadUInt64(),
            r.ReadFloat32(), r.ReadFloat64()));

        Assert.That(rows.Single(), Is.EqualTo(((sbyte)-2, (short)-2, 1, -1L, (byte)255, (ushort)0x0102, 0x01020304u, 0x0102030405060708ul, 1.5f, -2.0)));
    }

    [Test]
    public async Task Reads_strings_as_utf8_or_raw_bytes()
    {
        var body = ClickHouseBulkWriterTests.Hex("02d096 04f09f9880 086109620a00275c22 00 03ff00fe");

        var rows = await RowBinaryResponseTests.ReadAllAsync(body, 2, r => (
            r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), Convert.ToHexString(r.ReadStringBytes())));

        Assert.That(rows.Single(), Is.EqualTo(("Ж", "😀", "a\tb\n\0'\\\"", string.Empty, "FF00FE")));
    }

    [Test]
    public async Task Reads_dates_and_times_as_utc()
    {
        var body = ClickHouseBulkWriterTests.Hex("0c4d 257d9365");

        var (date, time) = (await RowBinaryResponseTests.ReadAllAsync(body, 64, r => (r.ReadDate(), r.ReadDateTime()))).Single();

        Assert.Multiple(() =>
        {
            Assert.That(date, Is.EqualTo(new DateOnly(2024, 1, 2)));
            Assert.That(time, Is.EqualTo(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
            Assert.That(time.Kind, Is.EqualTo(DateTimeKind.Utc));
        });
    }

    [Test]
    public async Task Reads_decimals_of_each_storage_size_exactly()
    {
        var body = ClickHouseBulkWriterTests.Hex("6affffff 87d6120000000000 0000f8ec31818ef60500000000000000");

        var row = (await RowBinaryResponseTests.ReadAllAsync(body, 64, r => (r.ReadDecimal(9, 2), r.ReadDecimal(18, 4), r.ReadDecimal(38, 20)))).Single();

        Assert.That(row, Is.EqualTo((-1.5m, 123.4567m, 1.1m)));
    }

    [Test]
    public async Task Reads_nullable_columns_by_their_flag()
    {
        var body = ClickHouseBulkWriterTests.Hex("01 0005000000 01 000161 00 0000000000000440 01");

        var row = (await RowBinaryResponseTests.ReadAllAsync(body, 3, r => (
            r.ReadNullableInt32(), r.ReadNullableInt32(), r.ReadNullableString(), r.ReadNullableString(),
            r.ReadNullableFloat64(), r.ReadNull()))).Single();

        Assert.That(row, Is.EqualTo(((int?)null, (int?)5, (string?)null, "a", (double?)2.5, true)));
    }

    [Test]
    public void A_string_longer_than_the_row_limit_is_refused_before_it_is_read()
    {
        // Length 2^30 as a varint, far past the 64 MiB row limit.
        var body = ClickHouseBulkWriterTests.Hex("8080808004");

        Assert.That(
            async () => await RowBinaryResponseTests.ReadAllAsync(body, 64, r => r.ReadString()),
            Throws.TypeOf<ClickHouseException>().With.Message.Contains("row limit"));
    }

    [Test]
    public async Task Invalid_utf8_becomes_the_replacement_character()
    {
        var rows = await RowBinaryResponseTests.ReadAllAsync([0x02, 0xC3, 0x28], 64, r => r.ReadString());

        Assert.That(rows.Single(), Is.EqualTo(Encoding.UTF8.GetString([0xC3, 0x28])));
    }
}
