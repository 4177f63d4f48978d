namespace Sofia.TickWriter.Domain;

/// <summary>
/// One tick as decoded from its protobuf payload without allocating: the text fields are ranges of the
/// payload, prices and quantities are scaled to 18 decimal places (the storage's Decimal(38, 18)).
/// </summary>
internal readonly record struct TickFields(
    Range Exchange,
    Range Symbol,
    Range TradeId,
    Int128 Price,
    Int128 Quantity,
    byte Side,
    long ExchangeTimeUs,
    long ReceiveTimeUs)
{
    /// <summary>Decimal places of <see cref="Price"/> and <see cref="Quantity"/>.</summary>
    public const int Scale = 18;
}
