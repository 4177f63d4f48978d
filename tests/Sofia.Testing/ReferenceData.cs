using NUnit.Framework;

namespace Sofia.Testing;

/// <summary>
/// Finds the shared real market data and published reference values (<c>SOFIA_REFERENCE_DATA</c>,
/// default <c>../shared/data</c> beside the repository). Where the folder is absent, a test that needs it
/// is reported as ignored with the reason in its name's result; with <c>SOFIA_REQUIRE_REFERENCE_DATA=1</c>
/// (CI) it fails instead.
/// </summary>
public static class ReferenceData
{
    /// <summary>The data folder, or null when it cannot be found.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>The full path of a file under the data folder; ignores or fails the test when it is absent.</summary>
    public static string File(string relativePath)
    {
        var root = Require();
        var path = Path.Combine(root, relativePath);
        if (!System.IO.File.Exists(path))
        {
            Assert.Fail($"Reference file '{relativePath}' is missing from {root}.");
        }

        return path;
    }

    /// <summary>The data folder; ignores or fails the calling test when it is absent.</summary>
    public static string Require()
    {
        if (Root is not null)
        {
            return Root;
        }

        var message = "Reference data folder not found: set SOFIA_REFERENCE_DATA or place shared/data beside the repository.";
        if (Environment.GetEnvironmentVariable("SOFIA_REQUIRE_REFERENCE_DATA") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return string.Empty;
    }

    private static string? FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("SOFIA_REFERENCE_DATA");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        // Walk up from the test binaries to the repository root, then look beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Sofia.Services.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        return null;
    }
}
