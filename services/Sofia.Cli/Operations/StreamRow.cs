namespace Sofia.Cli.Operations;

/// <summary>One JetStream stream as <c>sofia streams</c> lists it.</summary>
internal sealed record StreamRow(string Name, string Subjects, ulong Messages, ulong Bytes, int Consumers);
