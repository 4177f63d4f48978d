using System.Text;

namespace Sofia.Testing.Internal;

/// <summary>Reads the end of a log file for error messages.</summary>
internal static class LogTail
{
    private const int MaxBytes = 4096;

    /// <summary>The last few KB of <paramref name="path"/> after <paramref name="fromOffset"/>; empty when absent.</summary>
    public static string Read(string path, long fromOffset = 0)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(fromOffset, stream.Length - MaxBytes);
            if (start >= stream.Length)
            {
                return string.Empty;
            }

            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            return Encoding.UTF8.GetString(buffer);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }

    /// <summary>A block naming each non-empty log, for an exception message.</summary>
    public static string Describe(params (string Name, string Text)[] logs)
    {
        var builder = new StringBuilder();
        foreach (var (name, text) in logs)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                builder.Append("\n--- ").Append(name).Append(" (tail) ---\n").Append(text.TrimEnd());
            }
        }

        return builder.Length == 0 ? "\n(no server output)" : builder.ToString();
    }
}
