using System.Diagnostics;
using Sofia.Testing;

namespace Sofia.EndToEndTests.Harness;

/// <summary>
/// Finds each service's build output (<c>services/{Project}/bin/{Configuration}/net10.0/{Assembly}.dll</c>, the
/// configuration these tests run under), building the project by path once when the dll is missing. The root is the
/// repository, or <c>SOFIA_E2E_BUILD_ROOT</c> (a tree with the same layout, e.g. a private build).
/// </summary>
internal static class ServiceBinaries
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>The tree the services are taken from.</summary>
    public static string Root { get; } = Environment.GetEnvironmentVariable("SOFIA_E2E_BUILD_ROOT") is { Length: > 0 } root
        ? Path.GetFullPath(root)
        : RepositoryPaths.Root;

    /// <summary>The path of <paramref name="assembly"/>'s dll in <paramref name="project"/>'s output, built if missing.</summary>
    public static async Task<string> ResolveAsync(string project, string assembly, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(Root, "services", project, "bin", Configuration, "net10.0", assembly + ".dll");
        if (File.Exists(dll))
        {
            return dll;
        }

        await BuildGate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(dll))
            {
                await BuildAsync(Path.Combine(Root, "services", project, project + ".csproj"), cancellationToken);
            }
        }
        finally
        {
            BuildGate.Release();
        }

        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The build of {project} did not produce {dll}.");
    }

    private static async Task BuildAsync(string csproj, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in new[] { "build", csproj, "-c", Configuration, "--nologo", "-v", "q", "-clp:ErrorsOnly" })
        {
            info.ArgumentList.Add(word);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {csproj} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }
}
