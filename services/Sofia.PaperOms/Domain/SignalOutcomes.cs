namespace Sofia.PaperOms.Domain;

/// <summary>How a signal was handled (the <c>outcome</c> of <c>PaperSignalHandled</c>).</summary>
internal static class SignalOutcomes
{
    public const string Pending = "pending";
    public const string Traded = "traded";
    public const string Rejected = "rejected";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
    public const string Empty = "empty";
    public const string Grid = "grid";
}
