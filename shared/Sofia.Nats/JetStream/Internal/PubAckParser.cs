using System.Text.Json;

namespace Sofia.Nats.JetStream.Internal;

/// <summary>Reads a publish ack without allocating: <c>{"stream":"S","seq":1,"duplicate":true}</c> or <c>{"error":{…}}</c>.</summary>
internal static class PubAckParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, out ulong sequence, out bool duplicate, out ApiError? error) =>
        TryParse(json, out _, out sequence, out duplicate, out error);

    /// <summary>Also gives the stream's name as the UTF-8 bytes inside <paramref name="json"/> (empty when absent).</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> stream, out ulong sequence, out bool duplicate, out ApiError? error)
    {
        stream = default;
        sequence = 0;
        duplicate = false;
        error = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                sequence = reader.GetUInt64();
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? reader.ValueSpan : default;
            }
            else if (reader.ValueTextEquals("duplicate"u8))
            {
                reader.Read();
                duplicate = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                error = JsonSerializer.Deserialize(json, JetStreamJsonContext.Default.ApiErrorEnvelope)?.Error;
                return true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return sequence > 0;
    }
}
