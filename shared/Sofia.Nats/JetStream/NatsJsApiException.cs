namespace Sofia.Nats.JetStream;

/// <summary>A JetStream API call was answered with an error.</summary>
public sealed class NatsJsApiException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsJsApiException(int code, int errorCode, string description)
        : base($"JetStream error {code}/{errorCode}: {description}")
    {
        Code = code;
        ErrorCode = errorCode;
        Description = description;
    }

    /// <summary>HTTP-like status code (400, 404, 503, …).</summary>
    public int Code { get; }

    /// <summary>JetStream's own error code (<c>err_code</c>, e.g. 10059 stream not found).</summary>
    public int ErrorCode { get; }

    /// <summary>The server's description.</summary>
    public string Description { get; }
}
