using System.Globalization;

namespace Sofia.Testing.Tests;

/// <summary>
/// A stand-in test host: <c>dotnet Sofia.Testing.Tests.dll host nats|nats-cluster|clickhouse</c> starts a server
/// (or a two-node cluster) through its fixture, prints its process ids and directories ('|'-separated for a
/// cluster), and holds it until stdin closes.
/// <see cref="HostDeathTests"/> kills this process with SIGKILL and checks what it leaves behind.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["host", var kind])
        {
            await Console.Error.WriteLineAsync("usage: Sofia.Testing.Tests host nats|nats-cluster|clickhouse");
            return 2;
        }

        IAsyncDisposable server;
        string lines;
        if (kind == "nats")
        {
            var nats = await NatsServer.StartNewAsync();
            (server, lines) = (nats, Describe(nats.ProcessId, nats.WatchdogProcessId, nats.DataDirectory));
        }
        else if (kind == "nats-cluster")
        {
            var cluster = await NatsCluster.StartNewAsync(2);
            var nodes = cluster.Nodes;
            lines = string.Create(
                CultureInfo.InvariantCulture,
                $"server-pid {string.Join('|', nodes.Select(n => n.ProcessId))}\nwatchdog-pid {string.Join('|', nodes.Select(n => n.WatchdogProcessId))}\ndir {string.Join('|', nodes.Select(n => n.DataDirectory))}\nready");
            server = cluster;
        }
        else
        {
            var clickHouse = await ClickHouseServer.StartNewAsync();
            (server, lines) = (clickHouse, Describe(clickHouse.ProcessId, clickHouse.WatchdogProcessId, clickHouse.DataDirectory));
        }

        await using (server)
        {
            await Console.Out.WriteLineAsync(lines);
            await Console.Out.FlushAsync();
            await Console.In.ReadToEndAsync();
        }

        return 0;
    }

    private static string Describe(int? serverPid, int watchdogPid, string directory) => string.Create(
        CultureInfo.InvariantCulture,
        $"server-pid {serverPid}\nwatchdog-pid {watchdogPid}\ndir {directory}\nready");
}
