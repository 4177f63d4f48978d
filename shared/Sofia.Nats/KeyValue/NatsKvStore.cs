using System.Runtime.CompilerServices;
using Sofia.Nats.JetStream;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.KeyValue;

/// <summary>
/// A key-value bucket over JetStream: each key is the subject <c>$KV.&lt;bucket&gt;.&lt;key&gt;</c> of stream
/// <c>KV_&lt;bucket&gt;</c>, and a key's revision is its stream sequence.
/// </summary>
public sealed partial class NatsKvStore
{
    private const string OperationHeader = "KV-Operation";
    private const int NoMessageFound = 10037;
    private const int WrongLastSequence = 10071;

    private readonly NatsJsContext _js;
    private readonly string _stream;
    private readonly string _prefix;

    internal NatsKvStore(NatsJsContext js, string bucket)
    {
        _js = js;
        Bucket = bucket;
        _stream = StreamName(bucket);
        _prefix = $"$KV.{bucket}.";
    }

    /// <summary>The bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Writes a value; returns its revision.</summary>
    public async Task<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var ack = await _js.PublishAsync(Subject(key), value, cancellationToken: cancellationToken);
        return ack.Sequence;
    }

    /// <summary>Writes a value only if the key has none (or was deleted); returns its revision.</summary>
    /// <exception cref="NatsJsApiException">The key exists (error code 10071).</exception>
    public async Task<ulong> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        try
        {
            return await UpdateAsync(key, value, 0, cancellationToken);
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == WrongLastSequence)
        {
            var last = await GetEntryAsync(key, cancellationToken);
            if (last is { Operation: not NatsKvOperation.Put })
            {
                return await UpdateAsync(key, value, last.Revision, cancellationToken);
            }

            throw;
        }
    }

    /// <summary>Writes a value only if the key's latest revision is <paramref name="revision"/>; returns the new revision.</summary>
    /// <exception cref="NatsJsApiException">The key has another revision (error code 10071).</exception>
    public async Task<ulong> UpdateAsync(string key, ReadOnlyMemory<byte> value, ulong revision, CancellationToken cancellationToken = default)
    {
        var options = new NatsJsPublishOptions { ExpectedLastSubjectSequence = revision };
        var ack = await _js.PublishAsync(Subject(key), value, options, cancellationToken: cancellationToken);
        return ack.Sequence;
    }

    /// <summary>The key's current value, or null when it has none or was deleted.</summary>
    public async Task<NatsKvEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var entry = await GetEntryAsync(key, cancellationToken);
        return entry is { Operation: NatsKvOperation.Put } ? entry : null;
    }

    /// <summary>Marks the key deleted, keeping its history.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var headers = new NatsHeaders().Add(OperationHeader, "DEL");
        await _js.PublishAsync(Subject(key), default, headers: headers, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the key and removes its history.</summary>
    public async Task PurgeAsync(string key, CancellationToken cancellationToken = default)
    {
        var headers = new NatsHeaders().Add(OperationHeader, "PURGE").Add(JsHeaders.Rollup, "sub");
        await _js.PublishAsync(Subject(key), default, headers: headers, cancellationToken: cancellationToken);
    }

    /// <summary>Every key that currently has a value.</summary>
    public async IAsyncEnumerable<string> GetKeysAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var config = new ConsumerConfig
        {
            DeliverPolicy = DeliverPolicy.LastPerSubject,
            AckPolicy = AckPolicy.None,
            HeadersOnly = true,
            FilterSubject = _prefix + ">",
            InactiveThreshold = TimeSpan.FromSeconds(30),
            MemoryStorage = true,
        };
        await foreach (var entry in ReadToEndAsync(config, cancellationToken))
        {
            if (entry.Operation == NatsKvOperation.Put)
            {
                yield return entry.Key;
            }
        }
    }

    /// <summary>Every revision the bucket still holds for <paramref name="key"/>, oldest first (delete markers included).</summary>
    public IAsyncEnumerable<NatsKvEntry> GetHistoryAsync(string key, CancellationToken cancellationToken = default)
    {
        var config = new ConsumerConfig
        {
            DeliverPolicy = DeliverPolicy.All,
            AckPolicy = AckPolicy.None,
            FilterSubject = Subject(key),
            InactiveThreshold = TimeSpan.FromSeconds(30),
            MemoryStorage = true,
        };
        return ReadToEndAsync(config, cancellationToken);
    }

    internal static string StreamName(string bucket) => "KV_" + bucket;

    internal static void ValidateBucket(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        foreach (var c in bucket)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                throw new ArgumentException($"'{bucket}' is not a valid bucket name (letters, digits, '-', '_').", nameof(bucket));
            }
        }
    }

    private string Subject(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.StartsWith('.') || key.EndsWith('.') || !NatsSubject.IsValidPublishSubject(key))
        {
            throw new ArgumentException($"'{key}' is not a valid key.", nameof(key));
        }

        return _prefix + key;
    }

    private async Task<NatsKvEntry?> GetEntryAsync(string key, CancellationToken cancellationToken)
    {
        var request = new MsgGetRequest(null, Subject(key));
        MsgGetResponse response;
        try
        {
            response = await _js.ApiRequestAsync($"STREAM.MSG.GET.{_stream}", request, JetStreamJsonContext.Default.MsgGetRequest, JetStreamJsonContext.Default.MsgGetResponse, cancellationToken);
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == NoMessageFound)
        {
            return null;
        }

        if (response.Message is not { } stored)
        {
            return null;
        }

        var headers = stored.Headers is { Length: > 0 } raw ? NatsHeaders.Parse(raw) : null;
        var created = stored.Time is { } time ? TimestampConverter.Parse(time) : default;
        return new NatsKvEntry(Bucket, key, stored.Data ?? [], stored.Sequence, created, Operation(headers));
    }

    private async IAsyncEnumerable<NatsKvEntry> ReadToEndAsync(ConsumerConfig config, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var consumer = await _js.CreateOrUpdateConsumerAsync(_stream, config, cancellationToken);
        try
        {
            if (consumer.Info.NumPending == 0)
            {
                yield break;
            }

            while (true)
            {
                ulong left = 0;
                var any = false;
                await foreach (var msg in consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 256, NoWait = true }, cancellationToken))
                {
                    any = true;
                    var entry = ToEntry(msg);
                    left = msg.Metadata.NumPending;
                    yield return entry;
                }

                if (!any || left == 0)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await _js.DeleteConsumerAsync(_stream, consumer.Name, CancellationToken.None);
        }
    }

    internal NatsKvEntry ToEntry(NatsJsMsg msg)
    {
        var metadata = msg.Metadata;
        var key = msg.Subject.StartsWith(_prefix, StringComparison.Ordinal) ? msg.Subject[_prefix.Length..] : msg.Subject;
        return new NatsKvEntry(Bucket, key, msg.Data, metadata.StreamSequence, metadata.Timestamp, Operation(msg.Headers));
    }

    private static NatsKvOperation Operation(NatsHeaders? headers) =>
        headers?[OperationHeader] switch
        {
            "DEL" => NatsKvOperation.Delete,
            "PURGE" => NatsKvOperation.Purge,
            _ => NatsKvOperation.Put,
        };
}
