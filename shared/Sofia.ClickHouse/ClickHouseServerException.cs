namespace Sofia.ClickHouse;

/// <summary>
/// ClickHouse answered with an error: before any output (an HTTP error status), or in the body of a
/// 200 response after part of the result was already sent.
/// </summary>
public sealed class ClickHouseServerException : ClickHouseException
{
    /// <summary>Creates an exception with no details (code 0).</summary>
    public ClickHouseServerException()
    {
        ServerMessage = string.Empty;
    }

    /// <summary>Creates an exception with a message (code 0).</summary>
    public ClickHouseServerException(string message)
        : base(message)
    {
        ServerMessage = message;
    }

    /// <summary>Creates an exception with a message and an inner exception (code 0).</summary>
    public ClickHouseServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
    }

    /// <summary>Creates an exception for a server error.</summary>
    /// <param name="code">The server's numeric error code, e.g. 60 for an unknown table.</param>
    /// <param name="errorName">The symbolic name newer servers add, e.g. <c>UNKNOWN_TABLE</c>; null on 18.x.</param>
    /// <param name="serverMessage">The server's message without the <c>Code: NNN</c> framing.</param>
    /// <param name="queryId">The query id of the failed operation.</param>
    public ClickHouseServerException(int code, string? errorName, string serverMessage, string? queryId)
        : this(code, errorName, serverMessage, queryId, null)
    {
    }

    internal ClickHouseServerException(int code, string? errorName, string serverMessage, string? queryId, Exception? innerException)
        : base(Describe(code, errorName, serverMessage, queryId), innerException)
    {
        Code = code;
        ErrorName = errorName;
        ServerMessage = serverMessage;
        QueryId = queryId;
    }

    /// <summary>The server's numeric error code (e.g. 60 unknown table, 193 wrong password on 18.x, 516 on 24.x).</summary>
    public int Code { get; }

    /// <summary>The symbolic error name (e.g. <c>UNKNOWN_TABLE</c>) when the server sends one (20.x and later).</summary>
    public string? ErrorName { get; }

    /// <summary>The server's error message, without the <c>Code: NNN</c> framing.</summary>
    public string ServerMessage { get; }

    private static string Describe(int code, string? errorName, string serverMessage, string? queryId)
    {
        var name = errorName is null ? string.Empty : $" ({errorName})";
        var id = queryId is null ? string.Empty : $" [query id {queryId}]";
        return $"ClickHouse error {code}{name}: {serverMessage}{id}";
    }
}
