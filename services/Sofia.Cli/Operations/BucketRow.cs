namespace Sofia.Cli.Operations;

/// <summary>One key-value bucket.</summary>
internal sealed record BucketRow(string Name, long Keys, ulong Values, ulong Bytes);
