namespace Sofia.ClickHouse;

/// <summary>
/// A ClickHouse operation failed outside the server's own error reporting: the server could not be
/// reached, the connection closed early, or the response did not have the expected shape.
/// Server-side errors are the derived <see cref="ClickHouseServerException"/>.
/// </summary>
public class ClickHouseException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public ClickHouseException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ClickHouseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public ClickHouseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The query id of the failed operation, when one was sent.</summary>
    public string? QueryId { get; init; }
}
