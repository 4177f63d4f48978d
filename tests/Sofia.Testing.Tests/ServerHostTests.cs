using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sofia.Testing.Internal;

namespace Sofia.Testing.Tests;

[TestFixture]
public sealed class ServerHostTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task First_start_retries_on_new_ports_when_its_port_was_taken_in_the_meantime(CancellationToken cancellationToken)
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var choices = new List<int>();
        var port = 0;
        using var http = new HttpClient();
        var supervisor = await SupervisedProcess.LaunchAsync("sofia-nats", cancellationToken);
        var spec = new ServerSpec(
            "nats-server",
            "/usr/sbin/nats-server",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(10),
            () => ["-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)],
            () => choices.Add(port = choices.Count == 0 ? taken : FreePort.Next()),
            async ct =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, ct);
                    return port != taken;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            run => supervisor.ServerOutputTail(run.OutputOffset));
        await using var host = new ServerHost(supervisor, spec);

        await host.StartOnFreshPortsAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(choices, Has.Count.EqualTo(2));
            Assert.That(choices[0], Is.EqualTo(taken));
            Assert.That(host.IsRunning, Is.True);
        });
    }
}
