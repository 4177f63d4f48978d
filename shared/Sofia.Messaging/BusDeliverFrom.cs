namespace Sofia.Messaging;

/// <summary>Where a new durable consumer starts reading.</summary>
public enum BusDeliverFrom
{
    /// <summary>From the first message still in the stream.</summary>
    All,

    /// <summary>Only messages published after the consumer is created.</summary>
    New,
}
