using Sofia.Contracts.V1;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>One trade and the signals the signal engine emitted when it closed a bar, in the order the hub publishes them.</summary>
internal sealed record PaperStep(Tick Tick, IReadOnlyList<Signal> Signals);
