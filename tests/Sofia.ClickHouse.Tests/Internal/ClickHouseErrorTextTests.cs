using System.Text;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse.Tests.Internal;

[TestFixture]
public sealed class ClickHouseErrorTextTests
{
    [Test]
    public void Parses_the_18x_error_shape()
    {
        const string body = "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist, e.what() = DB::Exception\n";

        var parsed = ClickHouseErrorText.TryParse(body, out var code, out var name, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(code, Is.EqualTo(60));
            Assert.That(name, Is.Null);
            Assert.That(message, Is.EqualTo("Table default.x doesn't exist"));
        });
    }

    [Test]
    public void Parses_the_24x_error_shape_with_its_name()
    {
        const string body = "Code: 60. DB::Exception: Table default.x doesn't exist. (UNKNOWN_TABLE) (version 24.3.1.1)\n";

        var parsed = ClickHouseErrorText.TryParse(body, out var code, out var name, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(code, Is.EqualTo(60));
            Assert.That(name, Is.EqualTo("UNKNOWN_TABLE"));
            Assert.That(message, Is.EqualTo("Table default.x doesn't exist."));
        });
    }

    [Test]
    public void Parses_the_21x_error_shape_with_a_version()
    {
        const string body = "Code: 60, e.displayText() = DB::Exception: Table default.wtf doesn't exist (version 21.3.1.1)\n";

        Assert.That(ClickHouseErrorText.TryParse(body, out var code, out var name, out var message), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(60));
            Assert.That(name, Is.Null);
            Assert.That(message, Is.EqualTo("Table default.wtf doesn't exist"));
        });
    }

    [Test]
    public void Parses_an_18x_message_that_spans_lines()
    {
        const string body = "Code: 33, e.displayText() = DB::Exception: Cannot read all data. Bytes read: 3. Bytes expected: 4.: (at row 2)\n"
            + ", e.what() = DB::Exception\n";

        Assert.That(ClickHouseErrorText.TryParse(body, out var code, out _, out var message), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(33));
            Assert.That(message, Is.EqualTo("Cannot read all data. Bytes read: 3. Bytes expected: 4.: (at row 2)"));
        });
    }

    [Test]
    public void Finds_the_error_after_rows_of_output()
    {
        var body = Encoding.UTF8.GetBytes(
            "999998\t0\n999999\t0\nCode: 395, e.displayText() = DB::Exception: Value passed to 'throwIf' function is non zero, e.what() = DB::Exception\n");

        var parsed = ClickHouseErrorText.TryParse(body, out var code, out _, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(code, Is.EqualTo(395));
            Assert.That(message, Is.EqualTo("Value passed to 'throwIf' function is non zero"));
        });
    }

    [Test]
    public void Keeps_the_outer_error_when_nested_errors_follow()
    {
        const string body = "Code: 279. DB::NetException: All connection tries failed. Log: \n\nCode: 210. DB::NetException: Connection refused. (ALL_CONNECTION_TRIES_FAILED) (version 24.3.1.1)\n";

        Assert.That(ClickHouseErrorText.TryParse(body, out var code, out var name, out _), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(279));
            Assert.That(name, Is.EqualTo("ALL_CONNECTION_TRIES_FAILED"));
        });
    }

    [Test]
    public void Parses_an_error_framed_by_the_exception_marker()
    {
        const string body = "__exception__\r\nabcdefghabcdefgh\r\nCode: 395. DB::Exception: Value passed to 'throwIf' function is non-zero. (FUNCTION_THROW_IF_VALUE_IS_NON_ZERO) (version 25.8.1.1)\r\n120 abcdefghabcdefgh\r\n__exception__\r\n";

        Assert.That(ClickHouseErrorText.TryParse(body, out var code, out var name, out var message), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(395));
            Assert.That(name, Is.EqualTo("FUNCTION_THROW_IF_VALUE_IS_NON_ZERO"));
            Assert.That(message, Is.EqualTo("Value passed to 'throwIf' function is non-zero."));
        });
    }

    [TestCase("")]
    [TestCase("1\t2\n")]
    [TestCase("Code: 5 apples\n")]
    [TestCase("Code: x, e.displayText() = DB::Exception: no digits")]
    [TestCase("prefix Code: 60, e.displayText() = DB::Exception: not at a line start")]
    public void Does_not_take_ordinary_text_for_an_error(string body) =>
        Assert.That(ClickHouseErrorText.TryParse(body, out _, out _, out _), Is.False);

    [Test]
    public void Recognises_the_start_of_an_error_text()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ClickHouseErrorText.StartsLikeError("Code: 3"u8), Is.True);
            Assert.That(ClickHouseErrorText.StartsLikeError("__exception__\r\n"u8), Is.True);
            Assert.That(ClickHouseErrorText.StartsLikeError("Code: x"u8), Is.False);
            Assert.That(ClickHouseErrorText.StartsLikeError("Code: "u8), Is.False);
        });
    }

    [TestCase("60", 60)]
    [TestCase(null, null)]
    [TestCase("abc", null)]
    public void Parses_the_exception_code_header(string? value, int? expected) =>
        Assert.That(ClickHouseErrorText.ParseCodeHeader(value), Is.EqualTo(expected));
}
