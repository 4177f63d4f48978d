using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse.Tests.Internal;

[TestFixture]
public sealed class SqlStatementSplitterTests
{
    [Test]
    public void Splits_at_semicolons_ending_lines()
    {
        const string sql = "CREATE TABLE a (x UInt8) ENGINE = Memory;\nCREATE TABLE b (x UInt8) ENGINE = Memory;\n";

        string[] expected = ["CREATE TABLE a (x UInt8) ENGINE = Memory", "CREATE TABLE b (x UInt8) ENGINE = Memory"];

        Assert.That(SqlStatementSplitter.Split(sql), Is.EqualTo(expected));
    }

    [Test]
    public void Keeps_semicolons_inside_strings_identifiers_and_comments()
    {
        const string sql = "-- first; still a comment\nINSERT INTO t VALUES ('a;b', 'it\\'s; fine', \"c;\", `d;e`) /* x; y */;\nSELECT 1";

        var statements = SqlStatementSplitter.Split(sql);

        string[] expected =
        [
            "-- first; still a comment\nINSERT INTO t VALUES ('a;b', 'it\\'s; fine', \"c;\", `d;e`) /* x; y */",
            "SELECT 1",
        ];
        Assert.That(statements, Is.EqualTo(expected));
    }

    [Test]
    public void Drops_statements_of_only_comments_and_whitespace()
    {
        const string sql = "SELECT 1;\n\n-- trailing note\n;\n/* block */\n";

        Assert.That(SqlStatementSplitter.Split(sql), Is.EqualTo((string[])["SELECT 1"]));
    }
}
