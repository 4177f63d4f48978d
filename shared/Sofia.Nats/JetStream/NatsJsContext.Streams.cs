using System.Runtime.CompilerServices;
using System.Text.Json;
using Sofia.Contracts;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

public sealed partial class NatsJsContext
{
    private const int StreamNameInUse = 10058;
    private const int StreamNotFound = 10059;

    /// <summary>
    /// Creates the stream, or brings an existing one to <paramref name="config"/>. An existing stream with
    /// the same configuration is left alone; one that cannot be updated to it (storage, retention, …)
    /// is an error naming every difference.
    /// </summary>
    /// <exception cref="NatsStreamConfigConflictException">The stream exists with a configuration it cannot be updated to.</exception>
    /// <exception cref="NatsJsApiException">The server rejected the configuration.</exception>
    public async Task<StreamInfo> CreateOrUpdateStreamAsync(StreamConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(config.Name);
        try
        {
            return await ApiRequestAsync($"STREAM.CREATE.{config.Name}", config, JetStreamJsonContext.Default.StreamConfig, JetStreamJsonContext.Default.StreamInfo, cancellationToken);
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == StreamNameInUse)
        {
            var existing = await GetStreamAsync(config.Name, cancellationToken);
            var differences = StreamConfigComparer.Differences(existing.Config, config);
            if (differences.Count == 0)
            {
                return existing;
            }

            try
            {
                return await ApiRequestAsync($"STREAM.UPDATE.{config.Name}", config, JetStreamJsonContext.Default.StreamConfig, JetStreamJsonContext.Default.StreamInfo, cancellationToken);
            }
            catch (NatsJsApiException updateError)
            {
                throw new NatsStreamConfigConflictException(config.Name, differences, updateError);
            }
        }
    }

    /// <summary>Creates or updates a stream declared in Sofia.Contracts.</summary>
    public Task<StreamInfo> CreateOrUpdateStreamAsync(StreamDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return CreateOrUpdateStreamAsync(ToConfig(definition), cancellationToken);
    }

    /// <summary>The configuration a <see cref="StreamDefinition"/> stands for.</summary>
    public static StreamConfig ToConfig(StreamDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new StreamConfig(definition.Name, definition.Subjects)
        {
            Storage = definition.Storage == StreamStorage.Memory ? StorageType.Memory : StorageType.File,
            Retention = definition.Retention switch
            {
                StreamRetention.Interest => RetentionPolicy.Interest,
                StreamRetention.WorkQueue => RetentionPolicy.WorkQueue,
                _ => RetentionPolicy.Limits,
            },
            MaxAge = definition.MaxAge,
            DuplicateWindow = definition.DuplicateWindow,
        };
    }

    /// <summary>The stream's configuration and state.</summary>
    /// <exception cref="NatsJsApiException">With <see cref="NatsJsApiException.ErrorCode"/> 10059 when it does not exist.</exception>
    public async Task<StreamInfo> GetStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var json = await ApiRequestAsync($"STREAM.INFO.{stream}", default, cancellationToken);
        return JsonSerializer.Deserialize(json.Span, JetStreamJsonContext.Default.StreamInfo)!;
    }

    /// <summary>The stream, or null when it does not exist.</summary>
    public async Task<StreamInfo?> TryGetStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetStreamAsync(stream, cancellationToken);
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == StreamNotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the stream and its consumers; returns false when it did not exist.</summary>
    public async Task<bool> DeleteStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        try
        {
            await ApiRequestAsync($"STREAM.DELETE.{stream}", default, cancellationToken);
            return true;
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == StreamNotFound)
        {
            return false;
        }
    }

    /// <summary>Removes messages (all, or those on <paramref name="subject"/>, keeping the last <paramref name="keep"/>); returns how many.</summary>
    public async Task<ulong> PurgeStreamAsync(string stream, string? subject = null, ulong? keep = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var request = subject is null && keep is null ? null : new PurgeRequest(subject, null, keep);
        var response = await ApiRequestAsync($"STREAM.PURGE.{stream}", request, JetStreamJsonContext.Default.PurgeRequest, JetStreamJsonContext.Default.SuccessResponse, cancellationToken);
        return response.Purged;
    }

    /// <summary>Every stream, page by page.</summary>
    public async IAsyncEnumerable<StreamInfo> ListStreamsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await ApiRequestAsync("STREAM.LIST", new PagedRequest(offset), JetStreamJsonContext.Default.PagedRequest, JetStreamJsonContext.Default.StreamListResponse, cancellationToken);
            var streams = page.Streams ?? [];
            foreach (var stream in streams)
            {
                yield return stream;
            }

            offset += streams.Count;
            if (streams.Count == 0 || offset >= page.Total)
            {
                yield break;
            }
        }
    }
}
