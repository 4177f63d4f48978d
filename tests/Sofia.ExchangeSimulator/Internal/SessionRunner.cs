namespace Sofia.ExchangeSimulator.Internal;

/// <summary>Runs a session's read and write loops to the end of its connection, whoever ends it.</summary>
internal sealed class SessionRunner(ExchangeSession session, CancellationToken aborted)
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    public async Task RunAsync()
    {
        var connection = session.Connection;
        var write = connection.WriteLoopAsync(aborted);
        var read = ReadAsync();
        if (await Task.WhenAny(read, write) == read)
        {
            // The client closed (our close frame is queued) or vanished (abort); let the writer finish either way.
            if (!await CompletesWithinAsync(write))
            {
                connection.Abort();
            }

            await write;
            return;
        }

        // We closed or cut the connection: wait briefly for the client's close frame, then cut.
        if (!await CompletesWithinAsync(read))
        {
            connection.Abort();
        }

        await read;
    }

    private static async Task<bool> CompletesWithinAsync(Task task)
    {
        try
        {
            await task.WaitAsync(CloseGrace);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await session.ReadLoopAsync(aborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer went away or the connection was cut.
        }
        finally
        {
            if (!aborted.IsCancellationRequested)
            {
                session.Connection.Close(1000, string.Empty);
            }
        }
    }
}
