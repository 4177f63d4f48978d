using System.Globalization;
using Sofia.Contracts;
using Sofia.MarketData;

namespace Sofia.TickWriter.Domain;

/// <summary>
/// A validated candle request: candles of <see cref="Interval"/> whose open time lies in [<see cref="From"/>,
/// <see cref="To"/>), with <see cref="From"/> rounded down and <see cref="To"/> up to the interval.
/// </summary>
internal sealed record CandleQuery(string Exchange, string Symbol, CandleInterval Interval, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The most candles one request may ask for.</summary>
    public const int MaxCandles = 20_000;

    /// <summary>Parses the query string; on failure names the parameter and the rule it broke.</summary>
    public static bool TryParse(
        string? exchange,
        string? symbol,
        string? interval,
        string? from,
        string? to,
        out CandleQuery? query,
        out (string Parameter, string Error) failure)
    {
        query = null;
        failure = default;
        if (!IsExchange(exchange))
        {
            failure = ("exchange", "is required: a lower-case exchange name such as binance");
            return false;
        }

        if (!Symbols.TryCanonicalize(symbol, out var canonical, out var symbolError))
        {
            failure = ("symbol", string.IsNullOrEmpty(symbol) ? "is required: a BASE-QUOTE symbol such as BTC-USDT" : symbolError);
            return false;
        }

        if (CandleInterval.Find(interval) is not { } length)
        {
            failure = ("interval", $"must be one of {CandleInterval.Names}");
            return false;
        }

        if (!TryParseTime(from, out var start))
        {
            failure = ("from", "is required: an ISO-8601 time (UTC unless it has an offset) or epoch milliseconds");
            return false;
        }

        if (!TryParseTime(to, out var end))
        {
            failure = ("to", "is required: an ISO-8601 time (UTC unless it has an offset) or epoch milliseconds");
            return false;
        }

        var seconds = length.Seconds;
        var first = Floor(start, seconds);
        var last = Ceiling(end, seconds);
        if (last <= first)
        {
            failure = ("to", "must be later than from");
            return false;
        }

        if ((last - first) / seconds > MaxCandles)
        {
            failure = ("to", $"asks for more than {MaxCandles} candles of {length.Name}; narrow from..to or use a longer interval");
            return false;
        }

        query = new CandleQuery(exchange!, canonical, length, DateTimeOffset.FromUnixTimeSeconds(first), DateTimeOffset.FromUnixTimeSeconds(last));
        return true;
    }

    /// <summary>ISO-8601 (UTC unless an offset is given) or whole epoch milliseconds, from 1970 to 2106.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > uint.MaxValue * 1000L)
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            && time >= DateTimeOffset.UnixEpoch
            && time.ToUnixTimeSeconds() <= uint.MaxValue;
    }

    /// <summary>Lower-case letters and digits, as in subjects.</summary>
    public static bool IsExchange(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 32 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static long Floor(DateTimeOffset time, int seconds) => time.ToUnixTimeSeconds() / seconds * seconds;

    private static long Ceiling(DateTimeOffset time, int seconds)
    {
        var ms = time.ToUnixTimeMilliseconds();
        var step = seconds * 1000L;
        return (ms + step - 1) / step * seconds;
    }
}
