namespace Sofia.Signals;

/// <summary>A strategy plan that cannot be used; <see cref="KeyPath"/> names the offending key.</summary>
public sealed class StrategyPlanException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public StrategyPlanException()
    {
        KeyPath = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StrategyPlanException(string message)
        : base(message)
    {
        KeyPath = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StrategyPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
        KeyPath = string.Empty;
    }

    /// <summary>Creates the exception for <paramref name="keyPath"/>; the message reads <c>keyPath: problem</c>.</summary>
    public StrategyPlanException(string keyPath, string problem, Exception? innerException = null)
        : base($"{keyPath}: {problem}", innerException)
    {
        KeyPath = keyPath;
    }

    /// <summary>The key path of the problem, e.g. <c>symbols.BTC-USDT.strategies[1].params.fast</c>; empty for the whole file.</summary>
    public string KeyPath { get; }
}
