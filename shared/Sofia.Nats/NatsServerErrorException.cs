namespace Sofia.Nats;

/// <summary>The server reported an error with <c>-ERR</c>.</summary>
public sealed class NatsServerErrorException : NatsException
{
    /// <summary>Creates the exception from the server's error text.</summary>
    public NatsServerErrorException(string serverError, bool closesConnection)
        : base($"Server error: {serverError}")
    {
        ServerError = serverError;
        ClosesConnection = closesConnection;
    }

    /// <summary>The text after <c>-ERR</c>, without quotes.</summary>
    public string ServerError { get; }

    /// <summary>Whether the server closes the connection after this error.</summary>
    public bool ClosesConnection { get; }

    /// <summary>Whether the error is an authentication or authorization failure.</summary>
    public bool IsAuthorizationError =>
        ServerError.StartsWith("Authorization Violation", StringComparison.OrdinalIgnoreCase)
        || ServerError.StartsWith("Authentication Timeout", StringComparison.OrdinalIgnoreCase)
        || ServerError.StartsWith("User Authentication", StringComparison.OrdinalIgnoreCase);
}
