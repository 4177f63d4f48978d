using System.Runtime.InteropServices;

namespace Sofia.Paper.Bench;

/// <summary>
/// Turns transparent huge pages off for the bench and every process it starts (the flag is inherited across fork and
/// exec). nats-server 2.9.10 (Go 1.19) marks its heap for huge pages, so the first touch of each fresh 2 MB of heap
/// zeroes a whole huge page. On the 2-core VM this stopped nats-server for 9–18 ms at a time (perf: clear_page_erms
/// under do_huge_pmd_anonymous_page), the largest stalls left at 10,000 ticks/s.
/// </summary>
internal static partial class TransparentHugePages
{
    private const int SetThpDisable = 41;

    /// <summary>False where the kernel refused (or not Linux): the figures then include those stalls.</summary>
    public static bool DisableForChildren() => OperatingSystem.IsLinux() && Prctl(SetThpDisable, 1, 0, 0, 0) == 0;

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
