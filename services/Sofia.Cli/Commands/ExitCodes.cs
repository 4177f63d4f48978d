namespace Sofia.Cli.Commands;

/// <summary>Process exit codes of the <c>sofia</c> command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input: unknown strategy or parameter, out-of-range value, missing file, bad data.</summary>
    public const int BadInput = 2;

    /// <summary>A server or service the command needs did not answer, or a service is not ready.</summary>
    public const int Unavailable = 3;
}
