using System.ComponentModel.DataAnnotations;

namespace Sofia.TickWriter.Options;

/// <summary>Where the ticks are stored, bound from the <c>ClickHouse</c> section (<c>SOFIA_CLICKHOUSE__URL</c>).</summary>
internal sealed record ClickHouseStorageOptions
{
    public const string SectionName = "ClickHouse";

    /// <summary>The HTTP interface, e.g. http://clickhouse:8123/.</summary>
    [Required(ErrorMessage = "is required, e.g. http://127.0.0.1:8123/")]
    [Url(ErrorMessage = "must be an absolute http(s) URL, e.g. http://127.0.0.1:8123/")]
    public string Url { get; init; } = "http://127.0.0.1:8123/";

    /// <summary>The database the schema is migrated into and read from.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "must be letters, digits and underscores")]
    public string Database { get; init; } = "sofia";

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>Gzip insert bodies (measured faster even on loopback: the server reads a third of the bytes).</summary>
    public bool CompressInserts { get; init; } = true;

    /// <summary>Folder of the versioned .sql files; relative paths are under the service's own folder.</summary>
    [Required(ErrorMessage = "is required")]
    public string MigrationsDirectory { get; init; } = "clickhouse";
}
