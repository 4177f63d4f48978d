using Sofia.Trading;
using Sofia.Trading.Data;

namespace Sofia.Cli.Commands;

/// <summary>Streams a bar file several times in a row, each pass shifted in time after the previous one, without loading it.</summary>
internal static class RepeatedFile
{
    public static IEnumerable<Bar> Read(string path, int repeat)
    {
        long shift = 0;
        for (var pass = 0; pass < repeat; pass++)
        {
            long first = 0, last = 0;
            var any = false;
            foreach (var bar in BarFileReader.Read(path))
            {
                if (!any)
                {
                    first = bar.OpenTimeUs;
                    any = true;
                }

                last = bar.OpenTimeUs;
                yield return bar with { OpenTimeUs = bar.OpenTimeUs + shift };
            }

            shift += last - first + 60_000_000;
        }
    }
}
