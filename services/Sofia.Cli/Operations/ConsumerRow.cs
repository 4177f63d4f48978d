namespace Sofia.Cli.Operations;

/// <summary>One durable consumer: how far behind it is.</summary>
internal sealed record ConsumerRow(string Stream, string Name, ulong Pending, long AckPending, long Redelivered);
