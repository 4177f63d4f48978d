using System.Runtime.CompilerServices;

namespace Sofia.Trading.Data;

/// <summary>
/// Streams bars from files without loading them whole: Binance kline dumps, the plain OHLCV CSV and freqtrade
/// JSON (<see cref="BarFileFormat"/>), detected from the file when <see cref="BarFileFormat.Auto"/>. Open times
/// are read as milliseconds below 10^14 and as microseconds from 10^14 up, row by row (Binance's dumps moved
/// from ms to µs in 2025). Parsing uses UTF-8 spans with the invariant culture; a malformed row throws a
/// <see cref="FormatException"/> naming its line (CSV) or record (JSON). Rows are returned as found: run
/// <see cref="BarSanityChecker"/> for ordering, duplicates and gaps.
/// </summary>
public static class BarFileReader
{
    private const int DetectBytes = 4096;

    /// <summary>Reads bars one by one.</summary>
    public static IEnumerable<Bar> Read(string path, BarFileFormat format = BarFileFormat.Auto)
    {
        using var stream = Open(path, useAsync: false);
        using var parser = new BarTextParser(format);
        while (TryNext(parser, stream, out var bar))
        {
            yield return bar;
        }
    }

    /// <summary>Reads bars one by one with asynchronous file reads.</summary>
    public static async IAsyncEnumerable<Bar> ReadAsync(
        string path,
        BarFileFormat format = BarFileFormat.Auto,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = Open(path, useAsync: true);
        using var parser = new BarTextParser(format);
        while (true)
        {
            var step = parser.Next(out var bar);
            if (step == BarTextParser.Step.Bar)
            {
                yield return bar;
            }
            else if (step == BarTextParser.Step.End)
            {
                yield break;
            }
            else
            {
                parser.Commit(await stream.ReadAsync(parser.FreeSpace(), cancellationToken));
            }
        }
    }

    /// <summary>The fast path for backtests: every bar of the file in one array.</summary>
    public static Bar[] ReadAll(string path, BarFileFormat format = BarFileFormat.Auto)
    {
        var bars = new List<Bar>(EstimateRows(path));
        ReadInto(path, bars, format);
        return [.. bars];
    }

    /// <summary>Appends every bar of the file to <paramref name="destination"/>; returns how many.</summary>
    public static int ReadInto(string path, List<Bar> destination, BarFileFormat format = BarFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var before = destination.Count;
        using var stream = Open(path, useAsync: false);
        using var parser = new BarTextParser(format);
        while (TryNext(parser, stream, out var bar))
        {
            destination.Add(bar);
        }

        return destination.Count - before;
    }

    /// <summary>
    /// The format of a file: after an optional byte order mark and white space, '[' is freqtrade JSON;
    /// otherwise the first line (header or data) with 12 or more comma-separated columns is a Binance kline
    /// dump and with 6 to 11 the plain OHLCV CSV.
    /// </summary>
    public static BarFileFormat DetectFormat(string path)
    {
        using var stream = Open(path, useAsync: false);
        Span<byte> head = stackalloc byte[DetectBytes];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return BarTextParser.Detect(head[..read]);
    }

    // Feeds the parser from the stream until it yields a bar (true) or the data ends (false).
    private static bool TryNext(BarTextParser parser, FileStream stream, out Bar bar)
    {
        while (true)
        {
            var step = parser.Next(out bar);
            if (step != BarTextParser.Step.NeedData)
            {
                return step == BarTextParser.Step.Bar;
            }

            parser.Commit(stream.Read(parser.FreeSpace().Span));
        }
    }

    private static FileStream Open(string path, bool useAsync) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = useAsync ? FileOptions.Asynchronous | FileOptions.SequentialScan : FileOptions.SequentialScan,
        });

    private static int EstimateRows(string path)
    {
        // About 55 bytes per row in every format we read; a low guess only costs one List growth.
        var length = new FileInfo(path).Length;
        return (int)Math.Clamp(length / 50, 16, int.MaxValue / 2);
    }
}
