using Sofia.Contracts;

namespace Sofia.TickWriter.Workers;

/// <summary>The stream and durable consumer the writer reads; tests use their own names.</summary>
internal sealed record TickSource(StreamDefinition Stream, string Durable)
{
    public static TickSource Default { get; } = new(Streams.Ticks, Durables.TickWriter);

    public string DeadLetterSubject => Subjects.DeadLetter(Stream.Name, Durable);
}
