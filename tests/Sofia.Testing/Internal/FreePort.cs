using System.Net;
using System.Net.Sockets;

namespace Sofia.Testing.Internal;

/// <summary>Free TCP ports on the loopback interface.</summary>
internal static class FreePort
{
    /// <summary>A port the kernel just handed out; another process may still take it before we bind.</summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>Whether a server log says a port was taken, so the start is worth retrying on new ports.</summary>
    public static bool IsAddressInUse(string log) =>
        log.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
