namespace Sofia.ClickHouse;

/// <summary>The migration files and what the database records of them disagree: a changed, duplicated or misnamed file.</summary>
public sealed class ClickHouseMigrationException : ClickHouseException
{
    /// <summary>Creates an exception with no message.</summary>
    public ClickHouseMigrationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ClickHouseMigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public ClickHouseMigrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about one file.</summary>
    public ClickHouseMigrationException(string fileName, string message)
        : base(message)
    {
        FileName = fileName;
    }

    /// <summary>The migration file at fault, when there is one.</summary>
    public string? FileName { get; }
}
