namespace Sofia.ClickHouse.Tests;

[TestFixture]
public sealed class ClickHouseSqlTests
{
    [TestCase("plain", "'plain'")]
    [TestCase("O'Brien", @"'O\'Brien'")]
    [TestCase(@"back\slash", @"'back\\slash'")]
    [TestCase(@"\'", @"'\\\''")]
    [TestCase("tab\there", @"'tab\there'")]
    [TestCase("line\nbreak\r\n", @"'line\nbreak\r\n'")]
    [TestCase("nul\0byte", @"'nul\0byte'")]
    [TestCase("bell\b\f", @"'bell\b\f'")]
    [TestCase("'; DROP TABLE ticks; --", @"'\'; DROP TABLE ticks; --'")]
    [TestCase(@"\'; DROP TABLE ticks; --", @"'\\\'; DROP TABLE ticks; --'")]
    [TestCase("\"double\" and `back`", "'\"double\" and `back`'")]
    [TestCase("Привет 🚀", "'Привет 🚀'")]
    [TestCase("", "''")]
    public void String_literal_escapes_backslash_quote_and_control_characters(string value, string expected) =>
        Assert.That(ClickHouseSql.Literal(value), Is.EqualTo(expected));

    [Test]
    public void Null_literal_is_NULL()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ClickHouseSql.Literal((string?)null), Is.EqualTo("NULL"));
            Assert.That(ClickHouseSql.Literal((object?)null), Is.EqualTo("NULL"));
        });
    }

    [TestCase(0L, "0")]
    [TestCase(42L, "42")]
    [TestCase(-5L, "(-5)")]
    [TestCase(long.MinValue, "(-9223372036854775808)")]
    [TestCase(long.MaxValue, "9223372036854775807")]
    public void Integer_literal_is_invariant_and_parenthesised_when_negative(long value, string expected) =>
        Assert.That(ClickHouseSql.Literal(value), Is.EqualTo(expected));

    [Test]
    public void Unsigned_literal_keeps_the_full_range() =>
        Assert.That(ClickHouseSql.Literal(ulong.MaxValue), Is.EqualTo("18446744073709551615"));

    [TestCase(1.5, "1.5")]
    [TestCase(-0.25, "(-0.25)")]
    [TestCase(1e20, "1E+20")]
    [TestCase(1e-7, "1E-07")]
    [TestCase(0.1, "0.1")]
    [TestCase(double.NaN, "nan")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "(-inf)")]
    public void Float_literal_round_trips_in_invariant_form(double value, string expected) =>
        Assert.That(ClickHouseSql.Literal(value), Is.EqualTo(expected));

    [Test]
    public void Float32_literal_uses_its_own_shortest_form() =>
        Assert.That(ClickHouseSql.Literal((object)0.1f), Is.EqualTo("0.1"));

    [Test]
    public void Decimal_literal_is_an_exact_decimal_with_the_values_scale()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ClickHouseSql.Literal(1.50m), Is.EqualTo("toDecimal128('1.50', 2)"));
            Assert.That(ClickHouseSql.Literal(-123.4567m), Is.EqualTo("toDecimal128('-123.4567', 4)"));
            Assert.That(ClickHouseSql.Literal(7m), Is.EqualTo("toDecimal128('7', 0)"));
        });
    }

    [Test]
    public void DateTime_literal_is_utc_whole_seconds_whatever_the_kind()
    {
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, 999, DateTimeKind.Utc);
        var unspecified = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        var offset = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));

        Assert.Multiple(() =>
        {
            Assert.That(ClickHouseSql.Literal(utc), Is.EqualTo("toDateTime('2024-01-02 03:04:05', 'UTC')"));
            Assert.That(ClickHouseSql.Literal(unspecified), Is.EqualTo("toDateTime('2024-01-02 03:04:05', 'UTC')"));
            Assert.That(ClickHouseSql.Literal(offset), Is.EqualTo("toDateTime('2024-01-02 03:04:05', 'UTC')"));
        });
    }

    [Test]
    public void DateTime_literal_refuses_times_before_1970() =>
        Assert.That(() => ClickHouseSql.Literal(new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc)), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Date_bool_and_guid_literals_have_their_sql_forms()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ClickHouseSql.Literal(new DateOnly(2024, 2, 29)), Is.EqualTo("toDate('2024-02-29')"));
            Assert.That(ClickHouseSql.Literal(true), Is.EqualTo("1"));
            Assert.That(ClickHouseSql.Literal(false), Is.EqualTo("0"));
            Assert.That(
                ClickHouseSql.Literal(new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")),
                Is.EqualTo("toUUID('0f8fad5b-d9cb-469f-a165-70867728950e')"));
        });
    }

    [TestCase("ticks", "`ticks`")]
    [TestCase("we`ird", @"`we\`ird`")]
    [TestCase(@"back\slash", @"`back\\slash`")]
    public void Identifier_is_backquoted_with_escapes(string name, string expected) =>
        Assert.That(ClickHouseSql.Identifier(name), Is.EqualTo(expected));

    [Test]
    public void Format_binds_each_value_as_a_literal()
    {
        var symbol = "BTC-USDT' OR 1=1 --";
        var from = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

        var sql = ClickHouseSql.Format($"SELECT price FROM {"ticks":id} WHERE symbol = {symbol} AND ts >= {from} AND qty > {-1}");

        Assert.That(sql, Is.EqualTo(
            @"SELECT price FROM `ticks` WHERE symbol = 'BTC-USDT\' OR 1=1 --' AND ts >= toDateTime('2024-01-02 00:00:00', 'UTC') AND qty > (-1)"));
    }

    [Test]
    public void Format_turns_a_sequence_into_an_in_list()
    {
        string[] symbols = ["BTC-USDT", "ETH-USDT"];
        long[] ids = [1, -2];

        var sql = ClickHouseSql.Format($"symbol IN {symbols} AND id IN {ids}");

        Assert.That(sql, Is.EqualTo("symbol IN ('BTC-USDT', 'ETH-USDT') AND id IN (1, (-2))"));
    }

    [Test]
    public void Format_refuses_empty_sequences_and_unknown_types_and_formats()
    {
        var empty = Array.Empty<int>();
        var unknown = new Uri("http://x/");
        var value = 1;

        Assert.Multiple(() =>
        {
            Assert.That(() => ClickHouseSql.Format($"x IN {empty}"), Throws.ArgumentException);
            Assert.That(() => ClickHouseSql.Format($"x = {unknown}"), Throws.ArgumentException);
            Assert.That(() => ClickHouseSql.Format($"x = {value:x8}"), Throws.InstanceOf<FormatException>());
        });
    }
}
