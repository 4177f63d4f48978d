using System.Globalization;

namespace Sofia.Trading.Data;

/// <summary>A bar series broke a sanity rule in strict mode.</summary>
public sealed class BarDataException : Exception
{
    /// <summary>Creates the exception for a row and rule.</summary>
    public BarDataException(int row, SanityRule rule, string detail)
        : base(string.Create(CultureInfo.InvariantCulture, $"Row {row} breaks rule {rule}: {detail}."))
    {
        Row = row;
        Rule = rule;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public BarDataException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public BarDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public BarDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based input row of the first bad bar.</summary>
    public int Row { get; }

    /// <summary>The rule it broke.</summary>
    public SanityRule Rule { get; }
}
