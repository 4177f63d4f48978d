namespace Sofia.Exchanges;

/// <summary>One WebSocket connection: where to connect, what to send after connecting, and how long it may live.</summary>
/// <param name="Endpoint">The WebSocket address.</param>
/// <param name="Symbols">The canonical symbols this connection carries.</param>
/// <param name="SubscribeMessages">Text frames to send in order after connecting, each within the exchange's per-request limit.</param>
/// <param name="MinMessageInterval">The least time between two sent messages, to stay under the exchange's inbound message rate.</param>
/// <param name="MaxLifetime">When the exchange closes connections by age (Binance: 24 h), the age at which to reconnect early; null otherwise.</param>
public sealed record ConnectionPlan(
    Uri Endpoint,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> SubscribeMessages,
    TimeSpan MinMessageInterval,
    TimeSpan? MaxLifetime);
