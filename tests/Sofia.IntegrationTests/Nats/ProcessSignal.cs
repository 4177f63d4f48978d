using System.Diagnostics;
using System.Globalization;

namespace Sofia.IntegrationTests.Nats;

/// <summary>Signals to a server process, e.g. STOP and CONT to freeze and thaw it.</summary>
internal static class ProcessSignal
{
    /// <summary>Sends <paramref name="signal"/> (a name such as STOP) to <paramref name="pid"/> and waits for kill(1) to finish.</summary>
    public static void Send(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
