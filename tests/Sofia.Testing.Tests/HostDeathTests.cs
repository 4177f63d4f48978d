using System.Diagnostics;
using System.Globalization;

namespace Sofia.Testing.Tests;

[TestFixture]
public sealed class HostDeathTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [TestCase("nats")]
    [TestCase("nats-cluster")]
    [TestCase("clickhouse")]
    [Category("Slow")]
    [CancelAfter(60_000)]
    public async Task Killing_the_test_host_with_sigkill_leaves_no_server_and_no_temp_directory(string kind, CancellationToken cancellationToken)
    {
        using var host = StartStandInHost(kind);
        var started = await ReadUntilReadyAsync(host, cancellationToken);
        // A cluster lists one value per node, separated by '|'.
        var (serverPids, watchdogPids, directories) = (Pids(started["server-pid"]), Pids(started["watchdog-pid"]), started["dir"].Split('|'));
        Assert.Multiple(() =>
        {
            Assert.That(serverPids, Has.Length.EqualTo(kind == "nats-cluster" ? 2 : 1));
            Assert.That(serverPids.All(ProcessState.IsAlive), Is.True);
            Assert.That(directories.All(Directory.Exists), Is.True);
        });

        host.Kill(entireProcessTree: false);

        var clean = await ProcessState.EventuallyAsync(
            () => !serverPids.Any(ProcessState.IsAlive) && !watchdogPids.Any(ProcessState.IsAlive) && !directories.Any(Directory.Exists),
            Deadline,
            cancellationToken);
        Assert.That(clean, Is.True, $"servers {started["server-pid"]}, watchdogs {started["watchdog-pid"]} or {started["dir"]} outlived the killed host");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Killing_the_watchdog_with_sigkill_still_takes_the_server_down(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(cancellationToken);
        var serverPid = server.ProcessId!.Value;

        using (var watchdog = Process.GetProcessById(server.WatchdogProcessId))
        {
            watchdog.Kill();
        }

        var gone = await ProcessState.EventuallyAsync(() => !ProcessState.IsAlive(serverPid), Deadline, cancellationToken);
        Assert.That(gone, Is.True, "the server outlived its watchdog");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_directory_left_by_a_host_killed_with_its_whole_process_tree_is_removed_by_the_next_start(
        CancellationToken cancellationToken)
    {
        using (var host = StartStandInHost("nats"))
        {
            var started = await ReadUntilReadyAsync(host, cancellationToken);
            var directory = started["dir"];
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(cancellationToken);
            await ProcessState.EventuallyAsync(
                () => !ProcessState.IsAlive(int.Parse(started["watchdog-pid"], CultureInfo.InvariantCulture)),
                Deadline,
                cancellationToken);

            await using var next = await NatsServer.StartNewAsync(cancellationToken);

            Assert.That(Directory.Exists(directory), Is.False);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_stale_directory_whose_watchdog_is_dead_is_removed_by_the_next_start(CancellationToken cancellationToken)
    {
        var stale = Directory.CreateTempSubdirectory("sofia-nats.stale").FullName;
        await File.WriteAllTextAsync(Path.Combine(stale, "watchdog.pid"), $"{DeadPid()}\n", cancellationToken);
        var live = Directory.CreateTempSubdirectory("sofia-nats.live").FullName;
        await File.WriteAllTextAsync(Path.Combine(live, "watchdog.pid"), $"{Environment.ProcessId}\n", cancellationToken);
        try
        {
            await using var next = await NatsServer.StartNewAsync(cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(Directory.Exists(stale), Is.False);
                Assert.That(Directory.Exists(live), Is.True);
            });
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    private static int[] Pids(string values) =>
        Array.ConvertAll(values.Split('|'), value => int.Parse(value, CultureInfo.InvariantCulture));

    private static int DeadPid()
    {
        using var exited = Process.Start("true")!;
        exited.WaitForExit();
        return exited.Id;
    }

    private static Process StartStandInHost(string kind)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet))
        {
            dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        }

        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(typeof(HostDeathTests).Assembly.Location);
        info.ArgumentList.Add("host");
        info.ArgumentList.Add(kind);
        return Process.Start(info)!;
    }

    private static async Task<Dictionary<string, string>> ReadUntilReadyAsync(Process host, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await host.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "ready")
            {
                return values;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                values[line[..space]] = line[(space + 1)..];
            }
        }

        var errors = await host.StandardError.ReadToEndAsync(cancellationToken);
        Assert.Fail($"The stand-in host exited before its server was ready: {errors}");
        return values;
    }
}
