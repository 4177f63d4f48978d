using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sofia.ClickHouse.Internal;

/// <summary>One versioned migration file, <c>NNNN_name.sql</c>: its version, name, statements and checksum.</summary>
internal sealed record MigrationFile(uint Version, string Name, string FileName, string Checksum, IReadOnlyList<string> Statements)
{
    /// <summary>Reads a file; the checksum is SHA-256 of its text with CRLF line ends taken as LF.</summary>
    /// <exception cref="ClickHouseMigrationException">The name does not start with a version number.</exception>
    public static MigrationFile Read(string path)
    {
        var fileName = Path.GetFileName(path);
        var stem = Path.GetFileNameWithoutExtension(path);
        var digits = 0;
        while (digits < stem.Length && char.IsAsciiDigit(stem[digits]))
        {
            digits++;
        }

        if (digits == 0 || !uint.TryParse(stem.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ClickHouseMigrationException(fileName, $"Migration file {fileName} must be named <version>_<name>.sql, e.g. 0001_create_ticks.sql.");
        }

        var name = stem[digits..].TrimStart('_', '-', '.');
        var text = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new MigrationFile(version, name.Length == 0 ? stem : name, fileName, checksum, SqlStatementSplitter.Split(text));
    }
}
