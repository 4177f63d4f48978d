namespace Sofia.Trading.Strategies;

/// <summary>An unknown strategy, an unknown parameter, or a value out of range; the message names the problem.</summary>
public sealed class StrategyParameterException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public StrategyParameterException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StrategyParameterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StrategyParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
