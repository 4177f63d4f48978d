using Google.Protobuf;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// Something the engine decided that must be published before its input is acknowledged: a message with its subject
/// and deterministic de-duplication id, or (with <see cref="KillSwitchReason"/> set) a kill-switch trip to store.
/// </summary>
internal sealed record PaperOutput(string Subject, string MessageId, IMessage? Message, string? KillSwitchReason = null);
