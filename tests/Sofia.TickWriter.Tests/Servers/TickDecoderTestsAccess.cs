using Google.Protobuf;

namespace Sofia.TickWriter.Tests.Servers;

/// <summary>Poison payloads for the server tests.</summary>
internal static class TickDecoderTestsAccess
{
    public static byte[] TickWithoutPrice()
    {
        var tick = Domain.TickDecoderTests.NewTick();
        tick.Price = null;
        return tick.ToByteArray();
    }
}
