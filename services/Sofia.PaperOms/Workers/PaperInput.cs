using Sofia.Messaging;
using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms.Workers;

/// <summary>One input for the engine, decoded, with the bus message to acknowledge once its outputs are stored.</summary>
internal sealed record PaperInput(IBusMessage? Message, PaperSignal? Signal = null, PaperTick? Tick = null, KillSwitchState? KillSwitch = null);
