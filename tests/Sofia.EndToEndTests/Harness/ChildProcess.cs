using System.Diagnostics;
using System.Globalization;
using Sofia.Testing;

namespace Sofia.EndToEndTests.Harness;

/// <summary>
/// One service process run through Sofia.Testing's generic watchdog script (<c>supervisor.sh</c>, the same one the
/// server fixtures use): it starts and signals the process on request and kills it when this test host goes away,
/// however it goes (dispose, crash or kill -9), so no service outlives the test run. Output goes to a log file that
/// outlives the watchdog (copied out on dispose) so a failing test can print it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const string OutputFile = "server.out";
    private static readonly string Script = LoadScript();

    private readonly Process _supervisor;
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _directory = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _logCopy;
    private TaskCompletionSource<int>? _pendingStart;
    private TaskCompletionSource<int>? _exited;
    private bool _disposed;

    private ChildProcess(string name, Process supervisor, string logCopy)
    {
        Name = name;
        _supervisor = supervisor;
        _logCopy = logCopy;
        _reader = ReadEventsAsync();
    }

    /// <summary>The name used in logs and file names.</summary>
    public string Name { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _exited is { Task.IsCompleted: false };
            }
        }
    }

    private string WorkDirectory { get; set; } = string.Empty;

    private string OutputPath => Path.Combine(WorkDirectory, OutputFile);

    /// <summary>Starts the watchdog; <paramref name="logCopy"/> receives the output when it is disposed.</summary>
    public static async Task<ChildProcess> LaunchAsync(string name, string logCopy, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("sofia-supervisor");
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("sofia-e2e-" + name);
        var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var child = new ChildProcess(name, process, logCopy);
        try
        {
            child.WorkDirectory = await child._directory.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="arguments"/> (through <c>env</c>, in <paramref name="workingDirectory"/> with
    /// <paramref name="environment"/> added) and returns its pid.
    /// </summary>
    public async Task<int> StartAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var words = new List<string> { "start", "/usr/bin/env", "-C", workingDirectory };
        words.AddRange(environment.Select(pair => $"{pair.Key}={pair.Value}"));
        words.AddRange(arguments);
        if (words.Exists(word => word.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0))
        {
            throw new ArgumentException("Arguments cannot hold tabs or line breaks.", nameof(arguments));
        }

        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pendingStart = started;
        }

        await File.AppendAllTextAsync(OutputPath, $"==== start {DateTimeOffset.UtcNow:O}: {string.Join(' ', arguments)}\n", cancellationToken);
        await SendAsync(string.Join('\t', words), cancellationToken);
        return await started.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Sends <paramref name="signal"/> (TERM or KILL) and waits for the exit; KILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(string signal, TimeSpan grace, CancellationToken cancellationToken)
    {
        Task<int>? exited;
        lock (_gate)
        {
            exited = _exited?.Task;
        }

        if (exited is null || exited.IsCompleted)
        {
            return;
        }

        await SendAsync("signal\t" + signal, cancellationToken);
        try
        {
            await exited.WaitAsync(grace, cancellationToken);
        }
        catch (TimeoutException)
        {
            await SendAsync("signal\tKILL", cancellationToken);
            await exited.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    /// <summary>The last <paramref name="maxChars"/> characters of the output.</summary>
    public string Tail(int maxChars = 6000)
    {
        var path = File.Exists(OutputPath) ? OutputPath : _logCopy;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length <= maxChars ? text : text[^maxChars..];
        }
        catch (IOException)
        {
            return "(no output)";
        }
    }

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
            await SendAsync("signal\tKILL", CancellationToken.None);
        }
        catch (IOException)
        {
            // The watchdog is gone already.
        }

        CopyLog();
        try
        {
            // Closing stdin is what the watchdog sees when this process dies: it kills the child and cleans up.
            _supervisor.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
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
        _supervisor.Dispose();
    }

    private static string LoadScript()
    {
        using var stream = typeof(NatsServer).Assembly.GetManifestResourceStream("Sofia.Testing.supervisor.sh")
            ?? throw new InvalidOperationException("The supervisor script is not embedded in Sofia.Testing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void CopyLog()
    {
        try
        {
            if (WorkDirectory.Length > 0 && File.Exists(OutputPath))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_logCopy)!);
                File.Copy(OutputPath, _logCopy, overwrite: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the log is a diagnostic.
        }
    }

    private async Task SendAsync(string line, CancellationToken cancellationToken)
    {
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
                        _exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                        _pendingStart?.TrySetResult(int.Parse(value, CultureInfo.InvariantCulture));
                        _pendingStart = null;
                        break;
                    case "exited":
                        _exited?.TrySetResult(int.Parse(value, CultureInfo.InvariantCulture));
                        break;
                    default:
                        _pendingStart?.TrySetException(new InvalidOperationException($"Supervisor of {Name}: {line}"));
                        _pendingStart = null;
                        break;
                }
            }
        }

        lock (_gate)
        {
            var gone = new InvalidOperationException($"The supervisor of {Name} exited.");
            _directory.TrySetException(gone);
            _pendingStart?.TrySetException(gone);
            _exited?.TrySetResult(-1);
        }
    }
}
