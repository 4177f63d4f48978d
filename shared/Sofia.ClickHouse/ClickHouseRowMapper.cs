namespace Sofia.ClickHouse;

/// <summary>
/// Turns one result row into a value by reading its columns in order. It may run more than once for the
/// same row (when the row crosses the receive buffer's end), so it must have no side effects.
/// </summary>
/// <typeparam name="T">The value each row becomes.</typeparam>
/// <param name="row">The reader positioned at the row's first column.</param>
public delegate T ClickHouseRowMapper<out T>(ClickHouseRowReader row);
