namespace Sofia.Optimizer.Tests;

/// <summary>What differs between the replicas and studies of one test.</summary>
internal sealed record ReplicaSettings(string DataFile, string WorkerName, string Durable, string JobFilter, string TrialDirectory)
{
    public string Method { get; init; } = "bayesian";

    public int Trials { get; init; } = 24;

    public int AckWaitSeconds { get; init; } = 30;

    /// <summary>0 so that a study searches the whole file, like the in-process study it is compared with.</summary>
    public double HoldoutFraction { get; init; }
}
