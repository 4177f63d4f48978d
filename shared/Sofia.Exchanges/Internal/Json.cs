using System.Runtime.CompilerServices;
using System.Text.Json;
using Sofia.Contracts.V1;

namespace Sofia.Exchanges.Internal;

/// <summary>Small readers over <see cref="Utf8JsonReader"/> that never allocate and report failure instead of throwing.</summary>
internal static class Json
{
    /// <summary>Reads a frame's opening token; false when the frame is not a JSON object.</summary>
    public static bool TryStartObject(ReadOnlySpan<byte> frame, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(frame);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject;
    }

    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextProperty(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        if (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            name = Name(ref reader);
            return true;
        }

        name = default;
        return false;
    }

    /// <summary>
    /// The current property name's bytes; an escaped name (legal JSON, never sent by exchanges) comes back
    /// empty, so it matches no field and the frame is reported as missing that field rather than misread.
    /// </summary>
    public static ReadOnlySpan<byte> Name(scoped ref Utf8JsonReader reader) => reader.ValueIsEscaped ? default : reader.ValueSpan;

    /// <summary>A string value's raw bytes; escaped strings are refused (exchanges never escape symbols, numbers or ids).</summary>
    public static bool TryString(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            value = default;
            return false;
        }

        value = reader.ValueSpan;
        return true;
    }

    /// <summary>Moves from a property name to its value and reads it with <see cref="TryString"/>.</summary>
    public static bool ReadString(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        reader.Read();
        return TryString(ref reader, out value);
    }

    /// <summary>Moves from a property name to its value: a number token's raw bytes.</summary>
    public static bool ReadNumber(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            value = default;
            return false;
        }

        value = reader.ValueSpan;
        return true;
    }

    /// <summary>A string or number token's raw bytes (ids and times come either way).</summary>
    public static bool TryScalar(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            value = reader.ValueSpan;
            return true;
        }

        return TryString(ref reader, out value);
    }

    /// <summary>An integer sent as a JSON number or as a string of digits.</summary>
    public static bool TryInt64(scoped ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return TryScalar(ref reader, out var raw) && Utf8Number.TryParseInt64(raw, out value);
    }

    /// <summary>Milliseconds since the epoch (number or string) converted to microseconds.</summary>
    public static bool TryMillisecondsAsMicros(ReadOnlySpan<byte> raw, out long micros)
    {
        micros = 0;
        if (!Utf8Number.TryParseInt64(raw, out var ms) || ms < 0 || ms > MaxEpochMilliseconds)
        {
            return false;
        }

        micros = ms * 1000;
        return true;
    }

    /// <summary>An exact decimal from a string (or plain number) token.</summary>
    public static bool TryDecimal(scoped ref Utf8JsonReader reader, out long mantissa, out uint scale)
    {
        mantissa = 0;
        scale = 0;
        return TryScalar(ref reader, out var raw) && DecimalValue.TryParse(raw, out mantissa, out scale);
    }

    /// <summary>A text field for protocol messages (acks, errors): allocates, which those rare frames may.</summary>
    public static string? Text(scoped ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    /// <summary>Moves from a property name to its value and reads it with <see cref="Text"/>.</summary>
    public static string? ReadText(scoped ref Utf8JsonReader reader)
    {
        reader.Read();
        return Text(ref reader);
    }

    /// <summary>Moves from a property name to its value and skips it (with its children).</summary>
    public static void SkipValue(scoped ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Whether nothing but whitespace follows the root value.</summary>
    public static bool AtEnd(scoped ref Utf8JsonReader reader) => !reader.Read();

    // 9999-12-31T23:59:59.999Z keeps microseconds far inside long.
    private const long MaxEpochMilliseconds = 253_402_300_799_999;
}
