using System.Net;
using System.Net.Sockets;

namespace Sofia.Testing.Tests;

/// <summary>The checks every server fixture must pass, whatever the server.</summary>
internal static class FixtureChecks
{
    /// <summary>Disposes the server twice, then asserts that its process and its temp directory are gone.</summary>
    public static async Task DisposeTwiceAndAssertNothingIsLeftAsync(IAsyncDisposable server, int pid, string directory)
    {
        await server.DisposeAsync();
        await server.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ProcessState.IsAlive(pid), Is.False);
            Assert.That(Directory.Exists(directory), Is.False);
        });
    }

    /// <summary>Takes <paramref name="port"/> on loopback and returns the message of the failure that <paramref name="start"/> must end in.</summary>
    public static string StartWithPortTaken(int port, Func<Task> start)
    {
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => start());
        return error!.Message;
    }
}
