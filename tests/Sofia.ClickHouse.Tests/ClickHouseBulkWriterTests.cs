namespace Sofia.ClickHouse.Tests;

[TestFixture]
public sealed class ClickHouseBulkWriterTests
{
    [Test]
    public void Integers_are_little_endian_at_their_width()
    {
        var bytes = Write(w =>
        {
            w.WriteInt8(-2);
            w.WriteInt16(-2);
            w.WriteInt32(1);
            w.WriteInt64(-1);
            w.WriteUInt8(255);
            w.WriteUInt16(0x0102);
            w.WriteUInt32(0x01020304);
            w.WriteUInt64(0x0102030405060708);
        });

        Assert.That(bytes, Is.EqualTo(Hex(
            "fe feff 01000000 ffffffffffffffff ff 0201 04030201 0807060504030201")));
    }

    [Test]
    public void Floats_are_ieee_little_endian() =>
        Assert.That(Write(w => { w.WriteFloat32(1.5f); w.WriteFloat64(-2.0); }), Is.EqualTo(Hex("0000c03f 00000000000000c0")));

    [Test]
    public void Strings_are_length_prefixed_utf8_with_every_byte_kept()
    {
        var bytes = Write(w =>
        {
            w.WriteString("abc");
            w.WriteString("Ж");
            w.WriteString("😀");
            w.WriteString("a\tb\n\0'\\\"");
            w.WriteString(string.Empty);
        });

        Assert.That(bytes, Is.EqualTo(Hex("03616263 02d096 04f09f9880 086109620a00275c22 00")));
    }

    [Test]
    public void A_string_over_127_bytes_has_a_two_byte_length()
    {
        var bytes = Write(w => w.WriteString(new string('x', 200)));

        Assert.Multiple(() =>
        {
            Assert.That(bytes[..2], Is.EqualTo(Hex("c801")));
            Assert.That(bytes, Has.Length.EqualTo(202));
        });
    }

    [Test]
    public void Raw_byte_strings_are_written_as_they_are() =>
        Assert.That(Write(w => w.WriteString([0xff, 0x00, 0xfe])), Is.EqualTo(Hex("03ff00fe")));

    [Test]
    public void Dates_and_times_are_days_and_seconds_since_the_epoch()
    {
        // 2024-01-02 is day 19724 (0x4d0c); 2024-01-02 03:04:05 UTC is 1704164645 (0x65937d25).
        var bytes = Write(w =>
        {
            w.WriteDate(new DateOnly(2024, 1, 2));
            w.WriteDateTime(new DateTime(2024, 1, 2, 3, 4, 5, 700, DateTimeKind.Utc));
            w.WriteDateTime(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).UtcDateTime);
        });

        Assert.That(bytes, Is.EqualTo(Hex("0c4d 257d9365 257d9365")));
    }

    [Test]
    public void Dates_and_times_outside_the_clickhouse_range_are_refused()
    {
        var writer = new ClickHouseBulkWriter(16);
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(() => writer.WriteDate(new DateOnly(1969, 12, 31)), Throws.InstanceOf<ArgumentOutOfRangeException>());
                Assert.That(() => writer.WriteDateTime(new DateTime(2106, 2, 7, 6, 28, 16, DateTimeKind.Utc)), Throws.InstanceOf<ArgumentOutOfRangeException>());
                Assert.That(() => writer.WriteDateTime(new DateTime(2106, 2, 7, 6, 28, 15, DateTimeKind.Utc)), Throws.Nothing);
            });
        }
        finally
        {
            writer.Release();
        }
    }

    [Test]
    public void Decimals_are_scaled_integers_sized_by_precision()
    {
        var bytes = Write(w =>
        {
            w.WriteDecimal(-1.5m, 9, 2);
            w.WriteDecimal(123.4567m, 18, 4);
            w.WriteDecimal(1.1m, 38, 20);
        });

        // -150 as Int32; 1234567 as Int64; 1.1e20 = 0x5F68E8131ECF80000 as Int128.
        Assert.That(bytes, Is.EqualTo(Hex("6affffff 87d6120000000000 0000f8ec31818ef60500000000000000")));
    }

    [Test]
    public void Nullable_values_have_a_null_flag_before_them()
    {
        var bytes = Write(w =>
        {
            w.WriteNullableInt32(null);
            w.WriteNullableInt32(5);
            w.WriteNullableString(null);
            w.WriteNullableString("a");
            w.WriteNull();
            w.WriteNotNull();
            w.WriteUInt8(7);
        });

        Assert.That(bytes, Is.EqualTo(Hex("01 0005000000 01 000161 01 0007")));
    }

    [Test]
    public void The_buffer_grows_past_its_initial_capacity()
    {
        var bytes = Write(w =>
        {
            for (var i = 0; i < 1000; i++)
            {
                w.WriteInt64(i);
            }
        });

        Assert.That(BitConverter.ToInt64(bytes, 999 * 8), Is.EqualTo(999));
    }

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static byte[] Write(Action<ClickHouseBulkWriter> write)
    {
        var writer = new ClickHouseBulkWriter(16);
        try
        {
            write(writer);
            return writer.WrittenMemory.ToArray();
        }
        finally
        {
            writer.Release();
        }
    }
}
