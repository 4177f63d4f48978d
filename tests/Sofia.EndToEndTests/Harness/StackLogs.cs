using System.Globalization;
using NUnit.Framework.Interfaces;

namespace Sofia.EndToEndTests.Harness;

/// <summary>Where a test's service logs go, and printing them when it fails.</summary>
internal static class StackLogs
{
    /// <summary>A new folder under the test run's work directory for <paramref name="name"/>.</summary>
    public static string NewDirectory(string name) => Path.Combine(
        TestContext.CurrentContext.WorkDirectory,
        "e2e-logs",
        string.Create(CultureInfo.InvariantCulture, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}"));

    /// <summary>Prints every process's log tail when the current test did not pass.</summary>
    public static void PrintOnFailure(SofiaStack? stack)
    {
        if (stack is not null && TestContext.CurrentContext.Result.Outcome.Status is TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"Service logs: {stack.Settings.LogDirectory}{stack.Describe()}");
        }
    }
}
