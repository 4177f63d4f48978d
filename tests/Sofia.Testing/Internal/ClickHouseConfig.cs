using System.Globalization;
using System.Xml.Linq;

namespace Sofia.Testing.Internal;

/// <summary>
/// The smallest config.xml and users.xml clickhouse-server 18.16 runs with (root element <c>yandex</c>):
/// loopback only, no interserver port, logs and data under one directory, UTC.
/// </summary>
internal static class ClickHouseConfig
{
    public const string ErrorLogFile = "clickhouse-server.err.log";
    public const string LogFile = "clickhouse-server.log";

    public static void Write(string directory, int httpPort, int tcpPort, string testUser, string testPassword)
    {
        var usersPath = Path.Combine(directory, "users.xml");
        var config = new XElement(
            "yandex",
            new XElement(
                "logger",
                new XElement("level", "warning"),
                new XElement("log", Path.Combine(directory, LogFile)),
                new XElement("errorlog", Path.Combine(directory, ErrorLogFile)),
                new XElement("size", "10M"),
                new XElement("count", 1)),
            new XElement("http_port", httpPort.ToString(CultureInfo.InvariantCulture)),
            new XElement("tcp_port", tcpPort.ToString(CultureInfo.InvariantCulture)),
            new XElement("listen_host", "127.0.0.1"),
            new XElement("path", Folder(directory, "data")),
            new XElement("tmp_path", Folder(directory, "tmp")),
            new XElement("user_files_path", Folder(directory, "user_files")),
            new XElement("format_schema_path", Folder(directory, "format_schemas")),
            new XElement("users_config", usersPath),
            new XElement("default_profile", "default"),
            new XElement("default_database", "default"),
            new XElement("timezone", "UTC"),
            new XElement("mark_cache_size", 268_435_456),
            new XElement("uncompressed_cache_size", 268_435_456),
            new XElement("max_concurrent_queries", 100),
            // As in the packaged config; the built-in 10 s stalls a graceful stop behind idle client connections.
            new XElement("keep_alive_timeout", 3),
            new XElement("mlock_executable", "false"));

        var users = new XElement(
            "yandex",
            new XElement("profiles", new XElement("default", new XElement("max_memory_usage", 4_000_000_000))),
            new XElement("users", User("default", string.Empty), User(testUser, testPassword)),
            new XElement(
                "quotas",
                new XElement(
                    "default",
                    new XElement(
                        "interval",
                        new XElement("duration", 3600),
                        new XElement("queries", 0),
                        new XElement("errors", 0),
                        new XElement("result_rows", 0),
                        new XElement("read_rows", 0),
                        new XElement("execution_time", 0)))));

        new XDocument(config).Save(Path.Combine(directory, "config.xml"));
        new XDocument(users).Save(usersPath);
    }

    private static string Folder(string directory, string name) => Path.Combine(directory, name) + "/";

    private static XElement User(string name, string password) => new(
        name,
        new XElement("password", password),
        new XElement("networks", new XElement("ip", "127.0.0.1"), new XElement("ip", "::1")),
        new XElement("profile", "default"),
        new XElement("quota", "default"));
}
