using System.Text;

namespace Sofia.ClickHouse.Internal;

/// <summary>
/// Splits a migration file into statements at each <c>;</c> that is outside string literals, quoted
/// identifiers and comments. Statements holding only whitespace and comments are dropped.
/// </summary>
internal static class SqlStatementSplitter
{
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                var end = QuotedEnd(sql, i, c);
                current.Append(sql, i, end - i);
                hasCode = true;
                i = end;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                current.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
                current.Append(sql, i, end - i);
                i = end;
            }
            else if (c == ';')
            {
                Flush();
                i++;
            }
            else
            {
                current.Append(c);
                hasCode |= !char.IsWhiteSpace(c);
                i++;
            }
        }

        Flush();
        return statements;

        void Flush()
        {
            if (hasCode)
            {
                statements.Add(current.ToString().Trim());
            }

            current.Clear();
            hasCode = false;
        }
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    /// <summary>The index just past the closing quote; a backslash escapes the next character, a doubled quote is one quote.</summary>
    private static int QuotedEnd(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == '\\')
            {
                i += 2;
            }
            else if (sql[i] == quote)
            {
                if (At(sql, i + 1) != quote)
                {
                    return i + 1;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }
}
