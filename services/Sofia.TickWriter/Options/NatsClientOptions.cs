using System.ComponentModel.DataAnnotations;

namespace Sofia.TickWriter.Options;

/// <summary>Where the bus is, bound from the <c>Nats</c> section (<c>SOFIA_NATS__URL</c>).</summary>
internal sealed record NatsClientOptions
{
    public const string SectionName = "Nats";

    /// <summary>One or more server URLs, comma-separated.</summary>
    [Required(ErrorMessage = "is required, e.g. nats://127.0.0.1:4222")]
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>The client name the server shows.</summary>
    public string Name { get; init; } = "sofia-tick-writer";

    public IReadOnlyList<string> Servers =>
        Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
