using System.Globalization;
using System.Text;

namespace Sofia.ClickHouse.Internal;

/// <summary>
/// Parses the error text ClickHouse writes into a response body, in the shapes of every server
/// generation we meet:
/// 18.x <c>Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist, e.what() = DB::Exception</c>,
/// 19–21 the same with <c> (version 21.3.1.1)</c> instead of the <c>e.what()</c> part, and
/// 22+ <c>Code: 60. DB::Exception: Table default.x doesn't exist. (UNKNOWN_TABLE) (version 24.3.1.1)</c>.
/// </summary>
internal static class ClickHouseErrorText
{
    private const string CodePrefix = "Code: ";
    private const string DisplayText = "e.displayText() = ";
    private const string WhatSuffix = ", e.what() = DB::Exception";
    private const string ExceptionPrefix = "DB::Exception: ";
    private const string ExceptionMarker = "__exception__";

    /// <summary>Whether a stretch of body bytes could start an error text (a row never needs more than these 16 bytes to decide).</summary>
    public const int ProbeLength = 16;

    /// <summary>True when <paramref name="bytes"/> begins like an error text: <c>Code: </c> and a digit, or the 25.x exception marker.</summary>
    public static bool StartsLikeError(ReadOnlySpan<byte> bytes) =>
        (bytes.Length > CodePrefix.Length && bytes.StartsWith("Code: "u8) && char.IsAsciiDigit((char)bytes[CodePrefix.Length]))
        || bytes.StartsWith("__exception__"u8);

    /// <summary>Parses an error from response bytes (UTF-8); the text may have output or a marker before <c>Code: </c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out int code, out string? errorName, out string message) =>
        TryParse(Encoding.UTF8.GetString(body), out code, out errorName, out message);

    /// <summary>Parses an error from response text; finds the first <c>Code: NNN</c> that starts a line.</summary>
    public static bool TryParse(string body, out int code, out string? errorName, out string message)
    {
        code = 0;
        errorName = null;
        message = string.Empty;
        var start = FindCode(body);
        if (start < 0)
        {
            return false;
        }

        var text = body.AsSpan(start + CodePrefix.Length);
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !int.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out code))
        {
            return false;
        }

        text = text[digits..];
        if (!text.Contains("Exception", StringComparison.Ordinal))
        {
            // Every server error names its exception class (DB::Exception, DB::NetException, …).
            return false;
        }

        if (text.StartsWith(", "))
        {
            text = text[2..];
        }
        else if (text.StartsWith(". "))
        {
            text = text[2..];
        }

        if (text.StartsWith(DisplayText))
        {
            text = text[DisplayText.Length..];
        }

        text = StripExceptionMarker(text).TrimEnd();
        if (text.EndsWith(WhatSuffix, StringComparison.Ordinal))
        {
            text = text[..^WhatSuffix.Length].TrimEnd();
        }

        text = StripVersion(text);
        errorName = TakeErrorName(ref text);
        if (text.StartsWith(ExceptionPrefix))
        {
            text = text[ExceptionPrefix.Length..];
        }

        message = text.Trim().ToString();
        return true;
    }

    /// <summary>Parses the <c>X-ClickHouse-Exception-Code</c> header value, when the server sent one.</summary>
    public static int? ParseCodeHeader(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;

    private static int FindCode(string body)
    {
        // The error follows the last complete row, so it starts a line (or the body); the first such
        // line is the outer error (nested errors of distributed queries follow it).
        var index = -1;
        while (true)
        {
            index = body.IndexOf(CodePrefix, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                return -1;
            }

            var atLineStart = index == 0 || body[index - 1] is '\n' or '\r';
            var digitFollows = index + CodePrefix.Length < body.Length && char.IsAsciiDigit(body[index + CodePrefix.Length]);
            if (atLineStart && digitFollows)
            {
                return index;
            }
        }
    }

    private static ReadOnlySpan<char> StripExceptionMarker(ReadOnlySpan<char> text)
    {
        // 25.x frames a mid-stream error as "...text\r\n<length> <tag>\r\n__exception__\r\n".
        var marker = text.LastIndexOf(ExceptionMarker, StringComparison.Ordinal);
        if (marker <= 0)
        {
            return text;
        }

        var body = text[..marker].TrimEnd();
        var lastLine = body.LastIndexOfAny('\r', '\n');
        return lastLine < 0 ? body : body[..lastLine];
    }

    private static ReadOnlySpan<char> StripVersion(ReadOnlySpan<char> text)
    {
        if (!text.EndsWith(")", StringComparison.Ordinal))
        {
            return text;
        }

        var open = text.LastIndexOf(" (version ", StringComparison.Ordinal);
        return open < 0 ? text : text[..open].TrimEnd();
    }

    private static string? TakeErrorName(ref ReadOnlySpan<char> text)
    {
        if (!text.EndsWith(")", StringComparison.Ordinal))
        {
            return null;
        }

        var open = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var name = text[(open + 2)..^1];
        if (name.IsEmpty || !IsErrorName(name))
        {
            return null;
        }

        var result = name.ToString();
        text = text[..open].TrimEnd();
        return result;
    }

    private static bool IsErrorName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return char.IsAsciiLetterUpper(name[0]);
    }
}
