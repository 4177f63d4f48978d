using System.Globalization;
using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;

namespace Sofia.Ingestor.Domain;

/// <summary>Builds the bus messages for feed-health events and whale alerts.</summary>
internal static class FeedEvents
{
    public static OutboundMessage Health(FeedHealth health, int connection)
    {
        var id = string.Create(CultureInfo.InvariantCulture,
            $"feed:{health.Exchange}:{connection}:{health.Symbol}:{(int)health.State}:{health.TimeUs}:{health.GapFirstTradeId}");
        return new OutboundMessage(Subjects.Feed(health.Exchange), id, FeedHealth.Descriptor.FullName, health.ToByteArray(), 0);
    }

    public static OutboundMessage Alert(WhaleAlert alert, string subject)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"whale:{alert.Exchange}:{alert.Symbol}:{(int)alert.Kind}:{alert.TradeId}");
        return new OutboundMessage(subject, id, WhaleAlert.Descriptor.FullName, alert.ToByteArray(), 0);
    }

    public static long ToEpochMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DecimalValue ToDecimalValue(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (uint)((bits[3] >> 16) & 0xFF);
        var mantissa = ((long)(uint)bits[1] << 32) | (uint)bits[0];
        if ((bits[2] != 0 || mantissa < 0) && scale > 0)
        {
            // Too many digits for 64 bits: round to fewer decimals until it fits.
            return ToDecimalValue(decimal.Round(value, (int)Math.Max(0, scale - 1)));
        }

        return new DecimalValue { Mantissa = value < 0 ? -mantissa : mantissa, Scale = scale };
    }
}
