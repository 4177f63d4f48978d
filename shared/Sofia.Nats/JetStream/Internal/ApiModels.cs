using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream.Internal;

internal sealed record ApiError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("err_code")] int ErrCode,
    [property: JsonPropertyName("description")] string? Description);

internal sealed record ApiErrorEnvelope([property: JsonPropertyName("error")] ApiError? Error);

internal sealed record StreamListResponse(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("streams")] List<StreamInfo>? Streams);

internal sealed record ConsumerListResponse(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("consumers")] List<ConsumerInfo>? Consumers);

internal sealed record SuccessResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("purged")] ulong Purged);

internal sealed record CreateConsumerRequest(
    [property: JsonPropertyName("stream_name")] string StreamName,
    [property: JsonPropertyName("config")] ConsumerConfig Config);

internal sealed record PagedRequest([property: JsonPropertyName("offset")] int Offset);

internal sealed record PurgeRequest(
    [property: JsonPropertyName("filter")] string? Filter,
    [property: JsonPropertyName("seq")] ulong? Sequence,
    [property: JsonPropertyName("keep")] ulong? Keep);

internal sealed record MsgGetRequest(
    [property: JsonPropertyName("seq")] ulong? Sequence,
    [property: JsonPropertyName("last_by_subj")] string? LastBySubject);

internal sealed record StoredMessage(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("seq")] ulong Sequence,
    [property: JsonPropertyName("hdrs")] byte[]? Headers,
    [property: JsonPropertyName("data")] byte[]? Data,
    [property: JsonPropertyName("time")] string? Time);

internal sealed record MsgGetResponse([property: JsonPropertyName("message")] StoredMessage? Message);

internal sealed record PullRequestBody(
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("max_bytes")] long? MaxBytes,
    [property: JsonPropertyName("expires")] long? ExpiresNanos,
    [property: JsonPropertyName("no_wait")] bool? NoWait,
    [property: JsonPropertyName("idle_heartbeat")] long? IdleHeartbeatNanos);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiErrorEnvelope))]
[JsonSerializable(typeof(StreamConfig))]
[JsonSerializable(typeof(StreamInfo))]
[JsonSerializable(typeof(StreamListResponse))]
[JsonSerializable(typeof(ConsumerInfo))]
[JsonSerializable(typeof(ConsumerListResponse))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(CreateConsumerRequest))]
[JsonSerializable(typeof(PagedRequest))]
[JsonSerializable(typeof(PurgeRequest))]
[JsonSerializable(typeof(MsgGetRequest))]
[JsonSerializable(typeof(MsgGetResponse))]
[JsonSerializable(typeof(PullRequestBody))]
[JsonSerializable(typeof(PubAck))]
internal sealed partial class JetStreamJsonContext : JsonSerializerContext;
