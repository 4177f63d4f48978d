using System.ComponentModel.DataAnnotations;

namespace Sofia.MarketData;

/// <summary>
/// Where the market history is read, bound from the <c>ClickHouse</c> section the tick writer uses
/// (<c>SOFIA_ClickHouse__Url</c>, <c>__Database</c>, <c>__User</c>, <c>__Password</c>).
/// </summary>
public sealed record ClickHouseHistoryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ClickHouse";

    /// <summary>The HTTP interface, e.g. http://127.0.0.1:8123/.</summary>
    [Required(ErrorMessage = "is required, e.g. http://127.0.0.1:8123/")]
    [Url(ErrorMessage = "must be an absolute http(s) URL, e.g. http://127.0.0.1:8123/")]
    public string Url { get; init; } = "http://127.0.0.1:8123/";

    /// <summary>The database holding the <c>ticks</c> and <c>candles_1m</c> tables.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "must be letters, digits and underscores")]
    public string Database { get; init; } = "sofia";

    /// <summary>The user, or null for the server's default.</summary>
    public string? User { get; init; }

    /// <summary>The password, or null.</summary>
    public string? Password { get; init; }
}
