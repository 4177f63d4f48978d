namespace Sofia.Testing;

/// <summary>Locations inside the repository, found from the test binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds Sofia.Services.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sofia.Services.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Sofia.Services.sln not found above {AppContext.BaseDirectory}.");
    }
}
