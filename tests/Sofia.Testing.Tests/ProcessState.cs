using System.Diagnostics;

namespace Sofia.Testing.Tests;

/// <summary>Process liveness read from /proc, and polling with a deadline.</summary>
internal static class ProcessState
{
    /// <summary>True while the process exists and is not a zombie (a zombie holds no ports or files).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken);
        }

        return true;
    }
}
