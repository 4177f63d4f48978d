using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>
/// Process and runtime gauges under the meter <c>Sofia.Hosting</c>, named after the conventional
/// Prometheus process metrics: process_resident_memory_bytes, process_cpu_seconds_total, …
/// </summary>
internal sealed class ProcessMetrics
{
    public const string MeterName = "Sofia.Hosting";

    private static readonly KeyValuePair<string, object?>[] Gen0 = [new("generation", "gen0")];
    private static readonly KeyValuePair<string, object?>[] Gen1 = [new("generation", "gen1")];
    private static readonly KeyValuePair<string, object?>[] Gen2 = [new("generation", "gen2")];

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        var startTimeSeconds = StartTimeSeconds();

        meter.CreateObservableGauge("process.resident_memory", static () => Environment.WorkingSet, "By",
            "Resident set size: physical memory the process holds.");
        meter.CreateObservableCounter("process.cpu", static () => Environment.CpuUsage.TotalTime.TotalSeconds, "s",
            "User and system CPU time the process has used.");
        meter.CreateObservableGauge("process.start_time", () => startTimeSeconds, "s",
            "Start time of the process since the Unix epoch.");
        meter.CreateObservableGauge("process.threads", static () => ThreadCount(), "{thread}",
            "Operating-system threads of the process.");
        meter.CreateObservableGauge("dotnet.gc.heap_size", static () => GC.GetTotalMemory(forceFullCollection: false), "By",
            "Bytes currently allocated on the GC heap.");
        meter.CreateObservableCounter("dotnet.gc.allocated", static () => GC.GetTotalAllocatedBytes(), "By",
            "Bytes allocated on the GC heap since the process started.");
        meter.CreateObservableCounter("dotnet.gc.collections", static () => GcCollections(), "{collection}",
            "Garbage collections since the process started, by generation.");
        meter.CreateObservableGauge("dotnet.thread_pool.queue_length", static () => ThreadPool.PendingWorkItemCount, "{work_item}",
            "Work items queued to the thread pool and not yet started.");
        meter.CreateObservableGauge("dotnet.thread_pool.threads", static () => ThreadPool.ThreadCount, "{thread}",
            "Threads the thread pool currently has.");
    }

    private static int ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    private static double StartTimeSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }

    private static Measurement<long>[] GcCollections() =>
    [
        new(GC.CollectionCount(0), Gen0),
        new(GC.CollectionCount(1), Gen1),
        new(GC.CollectionCount(2), Gen2),
    ];
}
