using Google.Protobuf;
using Sofia.Contracts.V1;

namespace Sofia.PaperOms.Domain;

/// <summary>The exchange time a record of the engine was made at; null for a pending signal, which carries none.</summary>
internal static class PaperRecordTime
{
    public static long? Of(IMessage record) => record switch
    {
        PaperSignalHandled { Outcome: SignalOutcomes.Pending } => null,
        PaperSignalHandled m => m.TimeUs,
        OrderIntent m => m.TimeUs,
        OrderEvent m => m.TimeUs,
        Fill m => m.TimeUs,
        PaperBookCheckpoint m => m.TimeUs,
        _ => throw new ArgumentException($"{record.Descriptor.FullName} is not a paper OMS record.", nameof(record)),
    };
}
