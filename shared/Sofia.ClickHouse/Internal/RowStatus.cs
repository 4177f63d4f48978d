namespace Sofia.ClickHouse.Internal;

/// <summary>What <see cref="RowBinaryResponse.TryReadRow{T}"/> found.</summary>
internal enum RowStatus
{
    /// <summary>A row was mapped.</summary>
    Row,

    /// <summary>The buffer does not hold the next row yet.</summary>
    NeedMoreData,

    /// <summary>The body ended cleanly after the last row.</summary>
    End,
}
