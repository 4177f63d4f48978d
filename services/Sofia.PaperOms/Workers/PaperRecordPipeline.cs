using System.Runtime.ExceptionServices;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms.Workers;

/// <summary>
/// Stores the engine's records without waiting a round trip per input or per stream: each record is sent as soon as
/// it is made, all in the engine's order on one connection. A stream keeps one connection's messages in the order
/// sent, so what a crash of this process leaves stored is a prefix of the records, as the rebuild needs. Inputs are
/// acknowledged in arrival order, each once its records and every earlier input's are stored. A kill-switch trip
/// waits until everything before it is stored and holds back everything after it.
/// <para>
/// A failed store (the server restarted, the connection was cut) is different: the server may have kept a later record
/// of one stream and lost an earlier one of the other. So before reporting the failure, the pipeline stores every
/// outstanding record again, in order, one at a time (a stream drops a copy it already holds by its message id), and
/// the rebuild that follows finds no hole.
/// </para>
/// Single caller; acks may complete on any thread.
/// </summary>
internal sealed class PaperRecordPipeline(
    Func<BusEnvelope, CancellationToken, ValueTask<BusPublishAck>> publishAsync,
    Func<string, CancellationToken, Task> tripKillSwitchAsync,
    Action<PaperOutput, DateTimeOffset> stored,
    TimeProvider time)
{
    private const int MaxUnstored = 4096;
    private const int MaxUnacknowledged = 8192;

    // The streams' duplicate windows are two minutes: a copy sent later could be stored twice (the rebuild counts it once).
    private static readonly TimeSpan StoreAgainFor = TimeSpan.FromMinutes(2);

    private readonly List<Pending> _unstored = [];
    private readonly Queue<InputSlot> _inputs = new();

    // _unstored[.._sent] went out (or is a tripped kill switch): records leave in order, so each pump sends from here.
    private int _sent;
    private TaskCompletionSource _progress = NewProgress();

    /// <summary>False while so many records or inputs are outstanding that no more input should be taken.</summary>
    public bool HasRoom => _unstored.Count < MaxUnstored && _inputs.Count < MaxUnacknowledged;

    public bool IsEmpty => _unstored.Count == 0 && _inputs.Count == 0;

    /// <summary>Completes when a store completes after the last <see cref="PumpAsync"/> began.</summary>
    public Task Progress => Volatile.Read(ref _progress).Task;

    /// <summary>Queues an input's records (copied from <paramref name="outputs"/>) and its message to acknowledge.</summary>
    public void Add(IBusMessage? message, List<PaperOutput> outputs)
    {
        var input = new InputSlot(message) { Outstanding = outputs.Count };
        _inputs.Enqueue(input);
        foreach (var output in outputs)
        {
            _unstored.Add(new Pending(output, input));
        }
    }

    /// <summary>Settles stored records, acknowledges finished inputs and sends every record now allowed to go.</summary>
    /// <exception cref="Exception">A record could not be stored (thrown after every outstanding record was stored again, or given up on).</exception>
    public async ValueTask PumpAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _progress).Task.IsCompleted)
        {
            Volatile.Write(ref _progress, NewProgress());
        }

        do
        {
            if (Settle() is { } failure)
            {
                await StoreAgainAsync(cancellationToken);
                failure.Throw();
            }

            await AcknowledgeAsync(cancellationToken);
        }
        while (await SendAsync(cancellationToken));
    }

    /// <summary>Pumps until every record is stored and every input acknowledged.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await PumpAsync(cancellationToken);
        while (!IsEmpty)
        {
            await Progress.WaitAsync(cancellationToken);
            await PumpAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Drops the stored records from the front; the first failure, if any.</summary>
    private ExceptionDispatchInfo? Settle()
    {
        var now = time.GetUtcNow();
        var settled = 0;
        foreach (var pending in _unstored)
        {
            if (pending.Ack is { IsCompleted: true } ack)
            {
                if (!ack.IsCompletedSuccessfully)
                {
                    Remove(settled);
                    return ExceptionDispatchInfo.Capture(ack.Exception?.InnerException ?? new TaskCanceledException(ack));
                }

                stored(pending.Output, now);
            }
            else if (!pending.Done)
            {
                break;
            }

            pending.Input.Outstanding--;
            settled++;
        }

        Remove(settled);
        return null;
    }

    private void Remove(int settled)
    {
        _unstored.RemoveRange(0, settled);
        _sent -= settled;
    }

    private async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        while (_inputs.TryPeek(out var input) && input.Outstanding == 0)
        {
            _inputs.Dequeue();
            if (input.Message is { } message)
            {
                await message.AckAsync(cancellationToken);
            }
        }
    }

    /// <summary>Sends what is not sent yet, up to an outstanding kill-switch trip; true when something settled meanwhile.</summary>
    private async ValueTask<bool> SendAsync(CancellationToken cancellationToken)
    {
        var settled = false;
        for (; _sent < _unstored.Count; _sent++)
        {
            var pending = _unstored[_sent];
            if (pending.Output.KillSwitchReason is { } reason)
            {
                if (_sent == 0)
                {
                    await tripKillSwitchAsync(reason, cancellationToken);
                    pending.Done = true;
                    settled = true;
                    _sent++;
                }

                break;
            }

            pending.Ack = publishAsync(PaperCodec.ToEnvelope(pending.Output), cancellationToken).AsTask();
            settled |= pending.Ack.IsCompleted;
            _ = pending.Ack.ContinueWith(static (ack, self) => ((PaperRecordPipeline)self!).OnStored(ack), this, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return settled;
    }

    private void OnStored(Task ack)
    {
        // Observed here: after a failure the pipeline stops looking at the acks that follow.
        _ = ack.Exception;
        Volatile.Read(ref _progress).TrySetResult();
    }

    /// <summary>Stores every outstanding record again, in order, each before the next, retrying for a while.</summary>
    private async Task StoreAgainAsync(CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + StoreAgainFor;
        var delay = TimeSpan.FromMilliseconds(100);
        foreach (var pending in _unstored)
        {
            if (pending.Output.KillSwitchReason is { } reason)
            {
                if (!pending.Done)
                {
                    await tripKillSwitchAsync(reason, cancellationToken);
                }

                continue;
            }

            while (pending.Ack is not { IsCompletedSuccessfully: true })
            {
                if (pending.Ack is { IsCompleted: false } inFlight)
                {
                    await ((Task)inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                if (time.GetUtcNow() > until)
                {
                    return;
                }

                if (pending.Ack is not null)
                {
                    await Task.Delay(delay, time, cancellationToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                }

                pending.Ack = publishAsync(PaperCodec.ToEnvelope(pending.Output), cancellationToken).AsTask();
            }
        }
    }

    private sealed class InputSlot(IBusMessage? message)
    {
        public IBusMessage? Message { get; } = message;

        public int Outstanding { get; set; }
    }

    private sealed class Pending(PaperOutput output, InputSlot input)
    {
        public PaperOutput Output { get; } = output;

        public InputSlot Input { get; } = input;

        public Task<BusPublishAck>? Ack { get; set; }

        /// <summary>A kill-switch trip that was stored.</summary>
        public bool Done { get; set; }
    }
}
