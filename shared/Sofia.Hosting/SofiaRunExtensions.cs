using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sofia.Hosting.Internal;

namespace Sofia.Hosting;

/// <summary>Runs a Sofia service and turns its outcome into a process exit code.</summary>
public static class SofiaRunExtensions
{
    /// <summary>
    /// Starts the host, waits for SIGTERM, SIGINT or <see cref="IHostApplicationLifetime.StopApplication"/>,
    /// drains within <see cref="HostOptions.ShutdownTimeout"/> and returns the exit code:
    /// <see cref="SofiaExitCodes.Success"/> after a clean stop, <see cref="SofiaExitCodes.ConfigurationInvalid"/>
    /// (with one critical log line naming every bad key) when options validation stops start-up.
    /// </summary>
    public static async Task<int> RunSofiaAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);

        try
        {
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception exception) when (ValidationFailures(exception) is { Count: > 0 } failures)
            {
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SofiaRunExtensions).Namespace!);
                var summary = string.Join("; ", failures);
                HostingLog.ConfigurationInvalid(logger, summary);
                return SofiaExitCodes.ConfigurationInvalid;
            }

            await host.WaitForShutdownAsync(cancellationToken);
            return Environment.ExitCode;
        }
        finally
        {
            // Disposing flushes the console log queue before the process ends.
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    private static List<string> ValidationFailures(Exception exception)
    {
        var failures = new List<string>();
        switch (exception)
        {
            case OptionsValidationException validation:
                failures.AddRange(validation.Failures);
                break;
            case AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException):
                foreach (var inner in aggregate.InnerExceptions)
                {
                    failures.AddRange(((OptionsValidationException)inner).Failures);
                }

                break;
        }

        return failures;
    }
}
