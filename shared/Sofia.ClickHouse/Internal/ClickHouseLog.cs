using Microsoft.Extensions.Logging;

namespace Sofia.ClickHouse.Internal;

/// <summary>Log messages of the ClickHouse client (event ids 6000–6099) and migrator (6100–6199).</summary>
internal static partial class ClickHouseLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "ClickHouse {Kind} {QueryId} starting")]
    public static partial void OperationStarting(ILogger logger, string kind, string queryId);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "ClickHouse {Kind} {QueryId} failed with server error {Code}: {ServerMessage}")]
    public static partial void ServerError(ILogger logger, string kind, string queryId, int code, string serverMessage);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "ClickHouse {Kind} {QueryId} failed")]
    public static partial void OperationFailed(ILogger logger, string kind, string queryId, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "ClickHouse {Kind} {QueryId} cancelled ({Reason}); sending KILL QUERY")]
    public static partial void Cancelled(ILogger logger, string kind, string queryId, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "KILL QUERY for {QueryId} failed; the query may run on until it next writes output")]
    public static partial void KillFailed(ILogger logger, string queryId, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "KILL QUERY for {QueryId} not sent: the client is disposed, its connections closed")]
    public static partial void KillSkipped(ILogger logger, string queryId);

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Applied ClickHouse migration {File} to {Database} ({Statements} statements)")]
    public static partial void MigrationApplied(ILogger logger, string file, string database, int statements);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "ClickHouse schema of {Database} is up to date ({Count} migrations)")]
    public static partial void MigrationsUpToDate(ILogger logger, string database, int count);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "ClickHouse migration {Version} ({Name}) is recorded in {Database} but has no file")]
    public static partial void MigrationWithoutFile(ILogger logger, long version, string name, string database);
}
