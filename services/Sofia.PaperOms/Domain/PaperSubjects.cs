using Sofia.Contracts;

namespace Sofia.PaperOms.Domain;

/// <summary>Subjects of the paper OMS's own records in the orders stream, beside <see cref="Subjects"/>.</summary>
internal static class PaperSubjects
{
    /// <summary>Signal outcomes: <c>orders.signal.{strategy}.{symbol}</c>.</summary>
    public static string SignalHandled(string strategy, string symbol) => $"orders.signal.{strategy}.{symbol}";

    /// <summary>Book checkpoints: <c>orders.checkpoint.{strategy}.{symbol}</c>.</summary>
    public static string Checkpoint(string strategy, string symbol) => $"orders.checkpoint.{strategy}.{symbol}";
}
