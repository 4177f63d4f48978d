using System.Diagnostics;
using System.Globalization;

namespace Sofia.Testing.Internal;

/// <summary>Start, readiness, stop, kill and restart of one supervised server; calls are serialized.</summary>
internal sealed class ServerHost(SupervisedProcess supervisor, ServerSpec spec) : IAsyncDisposable
{
    private const int PortAttempts = 4;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _serial = new(1, 1);
    private int _disposed;

    public SupervisedProcess Supervisor { get; } = supervisor;

    public int? ProcessId => Supervisor.CurrentRun?.Pid;

    public bool IsRunning => Supervisor.CurrentRun is not null;

    /// <summary>
    /// Launches a watchdog, creates a server under it and starts the server on fresh ports. A server that does
    /// not start is disposed, leaving no process and no directory, before the failure is rethrown.
    /// </summary>
    public static async Task<TServer> LaunchAsync<TServer>(
        string namePrefix, Func<SupervisedProcess, TServer> create, Func<TServer, ServerHost> host, CancellationToken cancellationToken)
        where TServer : IAsyncDisposable
    {
        var supervisor = await SupervisedProcess.LaunchAsync(namePrefix, cancellationToken);
        var server = create(supervisor);
        try
        {
            await host(server).StartOnFreshPortsAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first start: new ports for each attempt that finds a port taken.</summary>
    public async Task StartOnFreshPortsAsync(CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                spec.ChoosePorts();
                var (addressInUse, failure) = await TryStartAsync(cancellationToken);
                if (failure is null)
                {
                    return;
                }

                if (!addressInUse || attempt == PortAttempts)
                {
                    throw new InvalidOperationException(failure);
                }
            }
        }
        finally
        {
            _serial.Release();
        }
    }

    /// <summary>Starts the stopped server again on the same ports and data directory.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => SerializedAsync(StartSameAsync, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) =>
        SerializedAsync(ct => Supervisor.StopServerAsync(spec.StopTimeout, ct), cancellationToken);

    public Task KillAsync(CancellationToken cancellationToken) => SerializedAsync(Supervisor.KillServerAsync, cancellationToken);

    public Task RestartAsync(CancellationToken cancellationToken) => SerializedAsync(
        async ct =>
        {
            await Supervisor.StopServerAsync(spec.StopTimeout, ct);
            await StartSameAsync(ct);
        },
        cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _serial.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(spec.StopTimeout + TimeSpan.FromSeconds(30));
            await Supervisor.StopServerAsync(spec.StopTimeout, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // Disposing the supervisor below kills whatever is left.
        }
        finally
        {
            await Supervisor.DisposeAsync();
            _serial.Release();
            _serial.Dispose();
        }
    }

    private async Task StartSameAsync(CancellationToken cancellationToken)
    {
        var (_, failure) = await TryStartAsync(cancellationToken);
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private async Task SerializedAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken);
        try
        {
            await action(cancellationToken);
        }
        finally
        {
            _serial.Release();
        }
    }

    /// <summary>Starts the server and waits until it answers; on failure, returns why (with its logs).</summary>
    private async Task<(bool AddressInUse, string? Failure)> TryStartAsync(CancellationToken cancellationToken)
    {
        var run = await Supervisor.StartServerAsync(spec.Binary, spec.Arguments(), cancellationToken);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < spec.StartTimeout)
        {
            if (run.Exited.Task.IsCompleted)
            {
                var logs = spec.DescribeLogs(run);
                var code = (await run.Exited.Task).ToString(CultureInfo.InvariantCulture);
                return (FreePort.IsAddressInUse(logs), $"{spec.Name} exited with code {code} while starting.{logs}");
            }

            if (await spec.IsReadyAsync(cancellationToken))
            {
                return (false, null);
            }

            await Task.WhenAny(run.Exited.Task, Task.Delay(ProbeInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }

        await Supervisor.KillServerAsync(cancellationToken);
        var seconds = spec.StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return (false, $"{spec.Name} did not answer within {seconds} s.{spec.DescribeLogs(run)}");
    }
}
