namespace Sofia.Exchanges;

/// <summary>An exchange's keepalive rule.</summary>
/// <param name="Mode">What the connection layer does.</param>
/// <param name="Message">The text frame to send, when <paramref name="Mode"/> sends one.</param>
/// <param name="Interval">The send period, or the idle time before sending.</param>
/// <param name="Timeout">How long to wait for the answer (or any frame) before treating the connection as dead.</param>
public sealed record KeepAlive(KeepAliveMode Mode, string? Message, TimeSpan Interval, TimeSpan Timeout);
