using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Sofia.Exchanges;
using Sofia.Testing;

namespace Sofia.Benchmarks.Exchanges;

/// <summary>
/// Parse and normalize one trade message per exchange, from the raw UTF-8 frame to a <see cref="ParsedTrade"/>
/// (canonical symbol, exact price and quantity, taker side, id, times). Budget: at most 500 ns and zero
/// bytes allocated per message. The System.Text.Json DOM peer shows what a straightforward parser costs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IngestBenchmarkConfig))]
public class ExchangeParseBenchmarks
{
    private readonly ParsedTrade[] _trades = new ParsedTrade[ExchangeAdapter.RecommendedTradeBufferSize];
    private ExchangeAdapter _binance = null!;
    private ExchangeAdapter _bybit = null!;
    private ExchangeAdapter _okx = null!;
    private ExchangeAdapter _coinbase = null!;
    private byte[] _binanceFrame = [];
    private byte[] _bybitFrame = [];
    private byte[] _okxFrame = [];
    private byte[] _coinbaseFrame = [];

    [GlobalSetup]
    public void Setup()
    {
        _binance = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Binance, ["BNB-BTC", "BTC-USDT", "ETH-USDT"]));
        _bybit = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Bybit, ["BTC-USDT", "ETH-USDT"]));
        _okx = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Okx, ["BTC-USDT", "ETH-USDT"]));
        _coinbase = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Coinbase, ["ETH-USD", "BTC-USD"]));
        _binanceFrame = Sample("binance_combined_stream_trade.json");
        _bybitFrame = Sample("bybit_v5_publicTrade_BTCUSDT.json");
        _okxFrame = Sample("okx_v5_trades_push_BTC-USDT.json");
        _coinbaseFrame = Sample("coinbase_adv_market_trades_docs.json");
        foreach (var (adapter, frame) in new[] { (_binance, _binanceFrame), (_bybit, _bybitFrame), (_okx, _okxFrame), (_coinbase, _coinbaseFrame) })
        {
            var result = adapter.Parse(frame, 1, _trades);
            if (result.Kind != FrameKind.Trades || result.TradeCount != 1)
            {
                throw new InvalidOperationException($"{adapter.Exchange} sample did not parse to one trade: {result}");
            }
        }
    }

    [Benchmark]
    public long Binance() => Parse(_binance, _binanceFrame);

    [Benchmark]
    public long Bybit() => Parse(_bybit, _bybitFrame);

    [Benchmark]
    public long Okx() => Parse(_okx, _okxFrame);

    [Benchmark]
    public long Coinbase() => Parse(_coinbase, _coinbaseFrame);

    /// <summary>Peer: the same Binance frame through a JsonDocument and decimal.Parse.</summary>
    [Benchmark]
    public decimal BinanceJsonDocumentPeer()
    {
        using var document = JsonDocument.Parse(_binanceFrame);
        var data = document.RootElement.GetProperty("data");
        var symbol = data.GetProperty("s").GetString();
        var price = decimal.Parse(data.GetProperty("p").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var quantity = decimal.Parse(data.GetProperty("q").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var id = data.GetProperty("t").GetInt64();
        var time = data.GetProperty("T").GetInt64() * 1000;
        var buyerIsMaker = data.GetProperty("m").GetBoolean();
        return price + quantity + id + time + (buyerIsMaker ? 1 : 0) + symbol!.Length;
    }

    private long Parse(ExchangeAdapter adapter, byte[] frame)
    {
        var result = adapter.Parse(frame, 1_700_000_000_000_000, _trades);
        return result.TradeCount + _trades[0].PriceMantissa;
    }

    /// <summary>A documented sample, compacted to how frames arrive on the wire (the samples are indented).</summary>
    private static byte[] Sample(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ReferenceData.File("exchange-samples/" + name)));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
