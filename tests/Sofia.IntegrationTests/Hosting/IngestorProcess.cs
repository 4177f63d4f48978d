using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Hosting;

/// <summary>services/Sofia.Ingestor run as its own process (<c>dotnet Sofia.Ingestor.dll --urls …</c>) on a free loopback port.</summary>
internal sealed class IngestorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private IngestorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The ingestor built in the same configuration (Debug or Release) as these tests.</summary>
    public static string DllPath
    {
        get
        {
            var configuration = typeof(IngestorProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
            return Path.Combine(RepositoryPaths.Root, "services", "Sofia.Ingestor", "bin", configuration, targetFramework, "Sofia.Ingestor.dll");
        }
    }

    public static IngestorProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var dll = DllPath;
        if (!File.Exists(dll))
        {
            Assert.Fail($"{dll} is missing: build tests/Sofia.IntegrationTests (it builds services/Sofia.Ingestor first).");
        }

        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            // appsettings.json is found in the content root, which is the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var name in startInfo.Environment.Keys.Where(IsInherited).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start");
        return new IngestorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Polls <c>/health/live</c> until it answers 200; false when the process exits first.</summary>
    public async Task<bool> WaitUntilLiveAsync(HttpClient client, CancellationToken cancellationToken)
    {
        while (!_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "health/live"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return false;
    }

    /// <summary>Sends SIGTERM, as Kubernetes does when it stops a pod.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync(cancellationToken);
        Assert.That(kill.ExitCode, Is.Zero, "kill -TERM failed");
    }

    /// <summary>The exit code, or null when the process is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("SOFIA_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
