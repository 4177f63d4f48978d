using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse.Tests.Internal;

[TestFixture]
public sealed class MigrationFileTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("sofia-migrations-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Takes_version_and_name_from_the_file_name()
    {
        var file = MigrationFile.Read(WriteFile("0012_create_ticks.sql", "SELECT 1;"));

        Assert.Multiple(() =>
        {
            Assert.That(file.Version, Is.EqualTo(12));
            Assert.That(file.Name, Is.EqualTo("create_ticks"));
            Assert.That(file.FileName, Is.EqualTo("0012_create_ticks.sql"));
            Assert.That(file.Statements, Is.EqualTo((string[])["SELECT 1"]));
        });
    }

    [Test]
    public void Checksum_is_sha256_of_the_text_with_lf_line_ends()
    {
        var lf = MigrationFile.Read(WriteFile("0001_a.sql", "SELECT 1;\n"));
        var crlf = MigrationFile.Read(WriteFile("0002_a.sql", "SELECT 1;\r\n"));

        Assert.Multiple(() =>
        {
            // sha256sum of the 10 bytes "SELECT 1;\n".
            Assert.That(lf.Checksum, Is.EqualTo("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd"));
            Assert.That(crlf.Checksum, Is.EqualTo(lf.Checksum));
        });
    }

    [Test]
    public void A_file_without_a_version_is_an_error_naming_it() =>
        Assert.That(
            () => MigrationFile.Read(WriteFile("create_ticks.sql", "SELECT 1")),
            Throws.InstanceOf<ClickHouseMigrationException>().With.Property(nameof(ClickHouseMigrationException.FileName)).EqualTo("create_ticks.sql"));

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
