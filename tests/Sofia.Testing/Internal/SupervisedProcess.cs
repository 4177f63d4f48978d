using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sofia.Testing.Internal;

/// <summary>
/// A server process run through <c>supervisor.sh</c>: a bash watchdog that owns a temp directory,
/// starts and signals the server on request, and kills it and removes the directory when this
/// process goes away, however it goes (dispose, crash or kill -9).
/// </summary>
internal sealed class SupervisedProcess : IAsyncDisposable
{
    private const string ServerOutputFile = "server.out";
    private static readonly string Script = LoadScript();

    private readonly Process _supervisor;
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly StringBuilder _supervisorErrors = new();
    private readonly TaskCompletionSource<string> _directory = NewSource<string>();
    private TaskCompletionSource<int>? _pendingStart;
    private long _pendingOutputOffset;
    private ServerRun? _run;
    private bool _disposed;

    private SupervisedProcess(Process supervisor)
    {
        _supervisor = supervisor;
        _reader = ReadEventsAsync();
    }

    /// <summary>The temp directory the supervisor created; removed on dispose or host death.</summary>
    public string Directory { get; private set; } = string.Empty;

    /// <summary>The watchdog's process id.</summary>
    public int SupervisorPid => _supervisor.Id;

    /// <summary>The server's current run, or null when it is not running.</summary>
    public ServerRun? CurrentRun
    {
        get
        {
            lock (_gate)
            {
                return _run is { Exited.Task.IsCompleted: false } ? _run : null;
            }
        }
    }

    /// <summary>The file that receives the server's stdout and stderr.</summary>
    public string ServerOutputPath => Path.Combine(Directory, ServerOutputFile);

    public static async Task<SupervisedProcess> LaunchAsync(string namePrefix, CancellationToken cancellationToken)
    {
        var bash = ServerBinary.Resolve(null, "bash", null, ["/bin/bash", "/usr/bin/bash"], "it supervises the test servers");
        var info = new ProcessStartInfo(bash)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("sofia-supervisor");
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(namePrefix);

        var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var supervised = new SupervisedProcess(process);
        process.ErrorDataReceived += supervised.OnSupervisorError;
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            supervised.Directory = await supervised._directory.Task.WaitAsync(timeout.Token);
            return supervised;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            var errors = supervised.SupervisorErrors();
            await supervised.DisposeAsync();
            throw new InvalidOperationException($"The server supervisor did not start: {ex.Message} {errors}", ex);
        }
    }

    /// <summary>Starts the server; returns its run once the supervisor has launched it.</summary>
    public async Task<ServerRun> StartServerAsync(string binary, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (CurrentRun is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        var outputOffset = File.Exists(ServerOutputPath) ? new FileInfo(ServerOutputPath).Length : 0;
        var started = NewSource<int>();
        lock (_gate)
        {
            _pendingStart = started;
            _pendingOutputOffset = outputOffset;
        }

        var words = new List<string>(arguments.Count + 2) { "start", binary };
        words.AddRange(arguments);
        if (words.Exists(word => word.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0))
        {
            throw new ArgumentException("Server arguments cannot hold tabs or line breaks.", nameof(arguments));
        }

        await SendAsync(string.Join('\t', words), cancellationToken);
        var pid = await started.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        lock (_gate)
        {
            return _run ?? throw new InvalidOperationException($"The server (pid {pid}) was not recorded.");
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit; sends SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopServerAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var run = CurrentRun;
        if (run is null)
        {
            return;
        }

        await SendAsync("signal\tTERM", cancellationToken);
        try
        {
            await run.Exited.Task.WaitAsync(grace, cancellationToken);
        }
        catch (TimeoutException)
        {
            await KillServerAsync(cancellationToken);
        }
    }

    /// <summary>Sends SIGKILL and waits until the supervisor has reaped the server.</summary>
    public async Task KillServerAsync(CancellationToken cancellationToken)
    {
        var run = CurrentRun;
        if (run is null)
        {
            return;
        }

        await SendAsync("signal\tKILL", cancellationToken);
        await run.Exited.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>The end of the server's stdout and stderr since <paramref name="fromOffset"/>.</summary>
    public string ServerOutputTail(long fromOffset = 0) => LogTail.Read(ServerOutputPath, fromOffset);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            // Closing stdin is the same signal the supervisor gets when this process dies.
            _supervisor.StandardInput.Close();
        }
        catch (IOException)
        {
            // The supervisor is already gone.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _supervisor.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _supervisor.Kill();
        }

        await _reader;
        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        _supervisor.Dispose();
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string LoadScript()
    {
        using var stream = typeof(SupervisedProcess).Assembly.GetManifestResourceStream("Sofia.Testing.supervisor.sh")
            ?? throw new InvalidOperationException("The supervisor script is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _supervisor.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _supervisor.StandardInput.FlushAsync(cancellationToken);
    }

    private async Task ReadEventsAsync()
    {
        await Task.Yield();
        while (await _supervisor.StandardOutput.ReadLineAsync() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var verb = space < 0 ? line : line[..space];
            var value = space < 0 ? string.Empty : line[(space + 1)..];
            lock (_gate)
            {
                switch (verb)
                {
                    case "dir":
                        _directory.TrySetResult(value);
                        break;
                    case "started":
                        var pid = int.Parse(value, CultureInfo.InvariantCulture);
                        _run = new ServerRun(pid, _pendingOutputOffset);
                        _pendingStart?.TrySetResult(pid);
                        _pendingStart = null;
                        break;
                    case "exited":
                        _run?.Exited.TrySetResult(int.Parse(value, CultureInfo.InvariantCulture));
                        break;
                    default:
                        _pendingStart?.TrySetException(new InvalidOperationException($"Supervisor: {line}"));
                        _pendingStart = null;
                        break;
                }
            }
        }

        lock (_gate)
        {
            var gone = new InvalidOperationException($"The server supervisor exited. {SupervisorErrors()}");
            _directory.TrySetException(gone);
            _pendingStart?.TrySetException(gone);
            _run?.Exited.TrySetResult(-1);
        }
    }

    private void OnSupervisorError(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_supervisorErrors)
        {
            if (_supervisorErrors.Length < 4096)
            {
                _supervisorErrors.AppendLine(e.Data);
            }
        }
    }

    private string SupervisorErrors()
    {
        lock (_supervisorErrors)
        {
            return _supervisorErrors.ToString();
        }
    }
}
