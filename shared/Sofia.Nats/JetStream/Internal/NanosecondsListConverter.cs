using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream.Internal;

/// <summary>A list of nanosecond durations (consumer backoff).</summary>
internal sealed class NanosecondsListConverter : JsonConverter<IReadOnlyList<TimeSpan>>
{
    public override IReadOnlyList<TimeSpan> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var list = new List<TimeSpan>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(TimeSpan.FromTicks(reader.GetInt64() / 100));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<TimeSpan> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteNumberValue(item.Ticks * 100);
        }

        writer.WriteEndArray();
    }
}
