namespace Sofia.Contracts;

/// <summary>A JetStream stream as Sofia declares it; services create it idempotently at start.</summary>
/// <param name="Name">Stream name, upper-case.</param>
/// <param name="Subjects">Subjects the stream captures.</param>
/// <param name="Storage">File or memory.</param>
/// <param name="Retention">Limits, interest or work queue.</param>
/// <param name="MaxAge">Messages older than this are removed; <see cref="TimeSpan.Zero"/> keeps them forever.</param>
/// <param name="DuplicateWindow">How long a <c>Nats-Msg-Id</c> is remembered for de-duplication.</param>
public sealed record StreamDefinition(
    string Name,
    IReadOnlyList<string> Subjects,
    StreamStorage Storage,
    StreamRetention Retention,
    TimeSpan MaxAge,
    TimeSpan DuplicateWindow);
