using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms.Workers;

/// <summary>
/// The engine shared by the worker (which alone changes it) and the API (which reads it): every access holds
/// <see cref="Gate"/>. Also what readiness reports.
/// </summary>
internal sealed class PaperOmsState(PaperTradingEngine engine)
{
    public Lock Gate { get; } = new();

    public PaperTradingEngine Engine { get; private set; } = engine;

    /// <summary>The records the last rebuild found missing (see <see cref="PaperRecords.FindMissing"/>).</summary>
    public IReadOnlyList<MissingRecords> MissingRecords { get; set; } = [];

    /// <summary>Null when ready, else why not.</summary>
    public string? NotReadyReason { get; private set; } = "rebuilding state";

    public void Replace(PaperTradingEngine engine)
    {
        lock (Gate)
        {
            Engine = engine;
        }
    }

    public void Ready() => NotReadyReason = null;

    public void NotReady(string reason) => NotReadyReason = reason;
}
