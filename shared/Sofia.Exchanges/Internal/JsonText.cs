using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Sofia.Exchanges.Internal;

/// <summary>Builds small JSON request frames (subscribe messages): not a hot path.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Splits items into consecutive chunks of at most <paramref name="size"/>.</summary>
    public static IEnumerable<IReadOnlyList<T>> Chunk<T>(IReadOnlyList<T> items, int size)
    {
        for (var i = 0; i < items.Count; i += size)
        {
            yield return items.Skip(i).Take(size).ToList();
        }
    }
}
