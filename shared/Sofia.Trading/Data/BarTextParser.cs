using System.Buffers;
using System.Globalization;

namespace Sofia.Trading.Data;

/// <summary>
/// The parsing engine behind <see cref="BarFileReader"/>: a pooled UTF-8 buffer refilled from a stream (by the
/// caller, synchronously or not) and parsed record by record with spans, invariant culture, no allocation per row.
/// </summary>
internal sealed class BarTextParser : IDisposable
{
    /// <summary>Open times at or above this are microseconds; below, milliseconds (10^14 ms is the year 5138).</summary>
    internal const long MicrosecondThreshold = 100_000_000_000_000;

    private const int InitialBufferSize = 1 << 16;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _started;
    private bool _sawData;
    private long _record;

    public BarTextParser(BarFileFormat format)
    {
        Format = format;
    }

    public enum Step
    {
        Bar,
        NeedData,
        End,
    }

    public BarFileFormat Format { get; private set; }

    /// <summary>Line (CSV) or record (JSON) number of the last bar parsed, 1-based.</summary>
    public long Record => _record;

    /// <summary>The buffer's free tail, after moving unread bytes to the front (and growing if they fill it).</summary>
    public Memory<byte> FreeSpace()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were read into <see cref="FreeSpace"/>; 0 is end of stream.</summary>
    public void Commit(int count)
    {
        if (count == 0)
        {
            _endOfStream = true;
        }

        _end += count;
    }

    public Step Next(out Bar bar)
    {
        bar = default;
        if (!_started && !Start())
        {
            return _endOfStream ? Step.End : Step.NeedData;
        }

        return Format == BarFileFormat.FreqtradeJson ? NextJson(out bar) : NextCsv(out bar);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>
    /// The detection rule: skip a UTF-8 byte order mark and white space; '[' means freqtrade JSON. Otherwise the
    /// first line is CSV (a header when it starts with a letter): 12 or more columns mean Binance's kline dump,
    /// 6 to 11 the plain OHLCV CSV.
    /// </summary>
    internal static BarFileFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty)
        {
            throw new FormatException("The file is empty: no bar format to detect.");
        }

        if (head[0] == (byte)'[')
        {
            return BarFileFormat.FreqtradeJson;
        }

        var newline = head.IndexOf((byte)'\n');
        var line = newline < 0 ? head : head[..newline];
        var columns = line.Count((byte)',') + 1;
        return columns switch
        {
            >= 12 => BarFileFormat.BinanceKlineCsv,
            >= 6 => BarFileFormat.OhlcvCsv,
            _ => throw new FormatException($"The first line has {columns} columns; a bar CSV has 6 (OHLCV) or 12 (Binance klines)."),
        };
    }

    private bool Start()
    {
        ReadOnlySpan<byte> available = _buffer.AsSpan(_start, _end - _start);
        if (!_endOfStream && available.IndexOf((byte)'\n') < 0 && available.Length < 4096)
        {
            return false;
        }

        if (available.StartsWith("\uFEFF"u8))
        {
            _start += 3;
            available = available[3..];
        }

        if (Format == BarFileFormat.Auto)
        {
            Format = Detect(available);
        }

        if (Format == BarFileFormat.FreqtradeJson)
        {
            var leading = available.Length - available.TrimStart(" \t\r\n"u8).Length;
            if (leading >= available.Length || available[leading] != (byte)'[')
            {
                throw new FormatException("freqtrade JSON must start with '['.");
            }

            _start += leading + 1;
        }

        _started = true;
        return true;
    }

    private Step NextCsv(out Bar bar)
    {
        while (true)
        {
            ReadOnlySpan<byte> available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline < 0 && !_endOfStream)
            {
                bar = default;
                return Step.NeedData;
            }

            if (newline < 0 && available.IsEmpty)
            {
                bar = default;
                return Step.End;
            }

            var line = newline < 0 ? available : available[..newline];
            _start += newline < 0 ? available.Length : newline + 1;
            _record++;
            line = line.TrimEnd("\r \t"u8);
            if (line.IsEmpty)
            {
                continue;
            }

            // A header is the first non-empty line, when it starts with a letter or a quote.
            if (!_sawData && IsLetter(line[0]))
            {
                _sawData = true;
                continue;
            }

            _sawData = true;
            bar = ParseCsv(line);
            return Step.Bar;
        }
    }

    private Bar ParseCsv(ReadOnlySpan<byte> line)
    {
        Span<double> values = stackalloc double[5];
        var rest = line;
        var time = ParseTime(NextField(ref rest, ','));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ParseDouble(NextField(ref rest, ','));
        }

        var expected = Format == BarFileFormat.BinanceKlineCsv ? 12 : 6;
        var columns = 6 + (rest.IsEmpty ? 0 : rest.Count((byte)',') + 1);
        if (columns != expected)
        {
            throw Error($"has {columns} columns, expected {expected}");
        }

        return new Bar(time, values[0], values[1], values[2], values[3], values[4]);
    }

    private Step NextJson(out Bar bar)
    {
        bar = default;
        ReadOnlySpan<byte> available = _buffer.AsSpan(_start, _end - _start);
        var skipped = available.Length - available.TrimStart(" \t\r\n,"u8).Length;
        available = available[skipped..];
        if (available.IsEmpty)
        {
            _start += skipped;
            return _endOfStream ? throw Error("ends before the closing ']'") : Step.NeedData;
        }

        if (available[0] == (byte)']')
        {
            _start += skipped + 1;
            return Step.End;
        }

        var close = available.IndexOf((byte)']');
        if (close < 0)
        {
            _start += skipped;
            return _endOfStream ? throw Error("ends inside a record") : Step.NeedData;
        }

        _record++;
        if (available[0] != (byte)'[')
        {
            throw Error("is not an [ms,open,high,low,close,volume] array");
        }

        var record = available[1..close];
        _start += skipped + close + 1;
        var time = ParseTime(NextField(ref record, ','));
        var open = ParseDouble(NextField(ref record, ','));
        var high = ParseDouble(NextField(ref record, ','));
        var low = ParseDouble(NextField(ref record, ','));
        var closePrice = ParseDouble(NextField(ref record, ','));
        var volume = ParseDouble(NextField(ref record, ','));
        if (!record.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw Error("has more than six values");
        }

        bar = new Bar(time, open, high, low, closePrice, volume);
        return Step.Bar;
    }

    private ReadOnlySpan<byte> NextField(ref ReadOnlySpan<byte> rest, char separator)
    {
        if (rest.IsEmpty)
        {
            throw Error("has too few values");
        }

        var at = rest.IndexOf((byte)separator);
        var field = at < 0 ? rest : rest[..at];
        rest = at < 0 ? [] : rest[(at + 1)..];
        return field.Trim(" \t\r\n\""u8);
    }

    private long ParseTime(ReadOnlySpan<byte> field)
    {
        if (!long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var raw))
        {
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || real != Math.Floor(real) || Math.Abs(real) > 9e18)
            {
                throw Error("has an open time that is not a whole number");
            }

            raw = (long)real;
        }

        return Math.Abs(raw) >= MicrosecondThreshold ? raw : raw * 1000;
    }

    private double ParseDouble(ReadOnlySpan<byte> field)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("has a value that is not a number");
        }

        return value;
    }

    private FormatException Error(string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{(Format == BarFileFormat.FreqtradeJson ? "Record" : "Line")} {_record} {problem}."));

    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a' || b == (byte)'"';
}
