namespace Sofia.Cli.Commands;

/// <summary>Process exit codes of the <c>sofia</c> command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input: unknown strategy or parameter, out-of-range value, missing file, bad data.</summary>
    public const int BadInput = 2;
}
