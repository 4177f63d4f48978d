namespace Sofia.Exchanges;

/// <summary>A public REST request (GET, no API key) for trades to fill a gap or catch up after a reconnect.</summary>
/// <param name="Uri">The absolute GET address.</param>
/// <param name="Symbol">The canonical symbol asked for.</param>
/// <param name="ByIdRange">True when the exchange answers by trade id (Binance, OKX); false when it returns only the most recent trades (Bybit, Coinbase).</param>
public sealed record BackfillRequest(Uri Uri, string Symbol, bool ByIdRange);
