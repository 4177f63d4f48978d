using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Sofia.PaperOms.Api;
using Sofia.Testing;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>services/Sofia.PaperOms run as its own process (<c>dotnet Sofia.PaperOms.dll --urls …</c>), so a test can kill it.</summary>
internal sealed class PaperOmsProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PaperOmsProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public static PaperOmsProcess Start(IReadOnlyDictionary<string, string?> config)
    {
        var configuration = typeof(PaperOmsProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var dll = Path.Combine(RepositoryPaths.Root, "services", "Sofia.PaperOms", "bin", configuration, targetFramework, "Sofia.PaperOms.dll");
        if (!File.Exists(dll))
        {
            Assert.Fail($"{dll} is missing: build tests/Sofia.PaperOms.Tests (it builds services/Sofia.PaperOms first).");
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var name in startInfo.Environment.Keys.Where(n => n.StartsWith("SOFIA_", StringComparison.OrdinalIgnoreCase) || n.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (key, value) in config)
        {
            startInfo.Environment["SOFIA_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start");
        return new PaperOmsProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add(ApiKeyFilter.HeaderName, PaperSession.ApiKey);
        return client;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails when the process exits first.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        while (!_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"the paper OMS was not ready in time:\n{Output}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Assert.Fail($"the paper OMS exited before it was ready:\n{Output}");
    }

    /// <summary>SIGKILL: no drain, no flush, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
