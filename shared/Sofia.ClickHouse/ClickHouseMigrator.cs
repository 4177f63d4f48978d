using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse;

/// <summary>
/// Applies versioned schema files (<c>0001_create_ticks.sql</c>, <c>0002_…</c>) to a database at start-up, each
/// once. A table in that database records the version, name and SHA-256 of every applied file; a recorded
/// file whose text has changed stops the run with an error naming it. A file may hold several statements,
/// each ended by <c>;</c>. Unqualified table names refer to the target database.
/// </summary>
/// <remarks>
/// ClickHouse has no transactions: a file whose third statement fails has run its first two, and is run
/// whole again next time. Write statements that can run twice (<c>CREATE TABLE IF NOT EXISTS</c>,
/// <c>ADD COLUMN IF NOT EXISTS</c> on 24.x), and run migrations from one process at a time.
/// </remarks>
public sealed class ClickHouseMigrator
{
    /// <summary>The table that records applied migrations, in the target database.</summary>
    public const string HistoryTable = "schema_migrations";

    private static readonly string[] HistoryColumns = ["version", "name", "checksum", "applied_at"];

    private readonly ClickHouseClient _client;
    private readonly string _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator for one database.</summary>
    /// <param name="client">The client to run the statements with.</param>
    /// <param name="database">The database to create (if missing) and migrate.</param>
    /// <param name="logger">Logs each applied file; none when null.</param>
    /// <param name="timeProvider">The clock for the applied-at time; the system clock when null.</param>
    public ClickHouseMigrator(ClickHouseClient client, string database, ILogger<ClickHouseMigrator>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        _client = client;
        _database = database;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Applies every <c>*.sql</c> file of <paramref name="directory"/> not yet recorded, in version order, after
    /// checking that no recorded file has changed.
    /// </summary>
    /// <returns>The file names applied by this call; empty when the schema was up to date.</returns>
    /// <exception cref="ClickHouseMigrationException">A file is misnamed, two share a version, or an applied file has changed.</exception>
    /// <exception cref="ClickHouseServerException">A statement failed; the files before it stay applied.</exception>
    public async Task<IReadOnlyList<string>> ApplyAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = ReadFiles(directory);
        var target = new ClickHouseQueryOptions { Database = _database };
        var system = new ClickHouseQueryOptions { Database = "system" };
        await _client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseSql.Identifier(_database)}", system, cancellationToken);
        await _client.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {ClickHouseSql.Identifier(HistoryTable)} "
            + "(version UInt32, name String, checksum String, applied_at DateTime) ENGINE = MergeTree() ORDER BY version",
            target,
            cancellationToken);

        var applied = await ReadHistoryAsync(target, cancellationToken);
        foreach (var file in files)
        {
            if (applied.TryGetValue(file.Version, out var recorded) && recorded.Checksum != file.Checksum)
            {
                throw new ClickHouseMigrationException(
                    file.FileName,
                    $"Migration file {file.FileName} has changed since it was applied to {_database} as version {file.Version} "
                    + $"(recorded checksum {recorded.Checksum}, file checksum {file.Checksum}); add a new migration instead of editing an applied one.");
            }
        }

        foreach (var (version, recorded) in applied)
        {
            if (!files.Any(f => f.Version == version))
            {
                ClickHouseLog.MigrationWithoutFile(_logger, version, recorded.Name, _database);
            }
        }

        var done = new List<string>();
        foreach (var file in files)
        {
            if (applied.ContainsKey(file.Version))
            {
                continue;
            }

            foreach (var statement in file.Statements)
            {
                await _client.ExecuteAsync(statement, target, cancellationToken);
            }

            var appliedAt = _time.GetUtcNow().UtcDateTime;
            await _client.InsertAsync(
                HistoryTable,
                HistoryColumns,
                [file],
                (writer, row) =>
                {
                    writer.WriteUInt32(row.Version);
                    writer.WriteString(row.Name);
                    writer.WriteString(row.Checksum);
                    writer.WriteDateTime(appliedAt);
                },
                target,
                cancellationToken);
            ClickHouseLog.MigrationApplied(_logger, file.FileName, _database, file.Statements.Count);
            done.Add(file.FileName);
        }

        if (done.Count == 0)
        {
            ClickHouseLog.MigrationsUpToDate(_logger, _database, files.Count);
        }

        return done;
    }

    private static List<MigrationFile> ReadFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The migrations directory {directory} does not exist.");
        }

        var files = Directory.GetFiles(directory, "*.sql").Select(MigrationFile.Read).OrderBy(f => f.Version).ToList();
        for (var i = 1; i < files.Count; i++)
        {
            if (files[i].Version == files[i - 1].Version)
            {
                throw new ClickHouseMigrationException(
                    files[i].FileName,
                    $"Migration files {files[i - 1].FileName} and {files[i].FileName} share version {files[i].Version}.");
            }
        }

        return files;
    }

    private async Task<Dictionary<uint, (string Name, string Checksum)>> ReadHistoryAsync(ClickHouseQueryOptions target, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<uint, (string Name, string Checksum)>();
        var rows = _client.QueryAsync(
            $"SELECT version, name, checksum FROM {ClickHouseSql.Identifier(HistoryTable)} ORDER BY version",
            row => (Version: row.ReadUInt32(), Name: row.ReadString(), Checksum: row.ReadString()),
            target,
            cancellationToken);
        await foreach (var (version, name, checksum) in rows)
        {
            applied.TryAdd(version, (name, checksum));
        }

        return applied;
    }
}
