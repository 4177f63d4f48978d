namespace Sofia.ClickHouse;

/// <summary>Writes one row's columns, in the insert's column order, with the writer method that matches each column's type.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <param name="writer">The writer that appends to the insert body.</param>
/// <param name="row">The row to write.</param>
public delegate void ClickHouseRowWriter<in TRow>(ClickHouseBulkWriter writer, TRow row);
