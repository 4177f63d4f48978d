using System.ComponentModel.DataAnnotations;

namespace Sofia.MarketData;

/// <summary>
/// Where the market store lives, bound from the <c>ClickHouse</c> section (<c>SOFIA_CLICKHOUSE__URL</c>, …) that every
/// service reading or writing market data uses.
/// </summary>
public sealed record ClickHouseMarketStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ClickHouse";

    /// <summary>The HTTP interface, e.g. http://clickhouse:8123/.</summary>
    [Required(ErrorMessage = "is required, e.g. http://127.0.0.1:8123/")]
    [Url(ErrorMessage = "must be an absolute http(s) URL, e.g. http://127.0.0.1:8123/")]
    public string Url { get; init; } = "http://127.0.0.1:8123/";

    /// <summary>The database the schema is migrated into and read from; created if missing.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "must be letters, digits and underscores")]
    public string Database { get; init; } = "sofia";

    /// <summary>The user, or null for the server's default.</summary>
    public string? User { get; init; }

    /// <summary>The password, or null.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Gzip insert bodies: a third of the bytes, for a slow link to ClickHouse. Off by default: next to the server,
    /// compressing and decompressing cost more CPU than the bytes saved (store bench: about 10% fewer rows/s with it).
    /// </summary>
    public bool CompressInserts { get; init; }

    /// <summary>Folder of the versioned .sql files applied by <see cref="IMarketStore.InitializeAsync"/>; relative to the binary's folder.</summary>
    [Required(ErrorMessage = "is required")]
    public string MigrationsDirectory { get; init; } = "clickhouse";
}
