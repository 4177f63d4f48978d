namespace Sofia.Testing.Internal;

/// <summary>Finds a server binary installed from Debian's packages.</summary>
internal static class ServerBinary
{
    /// <summary>
    /// The configured path when given, else the environment variable, else the first existing default path,
    /// else the name found on PATH. Throws with a message that names the install script when nothing is found.
    /// </summary>
    public static string Resolve(string? configured, string name, string? environmentVariable, string[] defaults, string installHint)
    {
        if (configured is not null)
        {
            return File.Exists(configured) ? configured : throw NotFound(name, installHint, configured);
        }

        var fromEnvironment = environmentVariable is null ? null : Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment) ? fromEnvironment : throw NotFound(name, installHint, fromEnvironment);
        }

        foreach (var path in defaults)
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var looked = string.Join(", ", defaults.Append("PATH"));
        var variable = environmentVariable is null ? string.Empty : $"; or set {environmentVariable}";
        throw NotFound(name, installHint, $"{looked}{variable}");
    }

    /// <summary>A server that scripts/bootstrap.sh installs: <see cref="Resolve"/> with Debian's paths, /usr/sbin then /usr/bin.</summary>
    public static string ResolveInstalled(string? configured, string name, string environmentVariable) =>
        Resolve(configured, name, environmentVariable, [$"/usr/sbin/{name}", $"/usr/bin/{name}"], "run scripts/bootstrap.sh as root to install it");

    private static FileNotFoundException NotFound(string name, string installHint, string looked) =>
        new($"{name} not found: {installHint} (looked in {looked}).", name);
}
