namespace Sofia.Cli.Commands;

/// <summary>Bad command-line input; the message is shown as is and the exit code is <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CliInputException(string message) : Exception(message);
