namespace Sofia.Nats.JetStream.Internal;

/// <summary>Header names JetStream understands.</summary>
internal static class JsHeaders
{
    public const string MsgId = "Nats-Msg-Id";
    public const string ExpectedStream = "Nats-Expected-Stream";
    public const string ExpectedLastSequence = "Nats-Expected-Last-Sequence";
    public const string ExpectedLastSubjectSequence = "Nats-Expected-Last-Subject-Sequence";
    public const string ExpectedLastMsgId = "Nats-Expected-Last-Msg-Id";
    public const string Rollup = "Nats-Rollup";
    public const string PendingMessages = "Nats-Pending-Messages";
    public const string PendingBytes = "Nats-Pending-Bytes";
}
