namespace Sofia.Testing.Internal;

/// <summary>One run of a server process, from start to exit.</summary>
internal sealed class ServerRun(int pid, long outputOffset)
{
    /// <summary>The server's process id.</summary>
    public int Pid { get; } = pid;

    /// <summary>Where this run's output starts in the server output file.</summary>
    public long OutputOffset { get; } = outputOffset;

    /// <summary>Completes with the exit code (128 + signal when killed) once the server has exited.</summary>
    public TaskCompletionSource<int> Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
