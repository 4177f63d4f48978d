using Sofia.Contracts.V1;

namespace Sofia.Exchanges.Tests;

public sealed class BackfillTests
{
    [Test]
    public void Binance_fills_a_gap_from_its_first_id_without_an_api_key()
    {
        var adapter = Samples.Adapter(ExchangeNames.Binance, "BTC-USDT");

        var gap = adapter.BuildBackfillRequest("BTC-USDT", new TradeIdGap(28457, 30000));
        var recent = adapter.BuildBackfillRequest("BTC-USDT", TradeIdGap.None);

        Assert.That(gap, Is.EqualTo(new BackfillRequest(new Uri("https://api.binance.com/api/v3/historicalTrades?symbol=BTCUSDT&fromId=28457&limit=1000"), "BTC-USDT", true)));
        Assert.That(recent.Uri, Is.EqualTo(new Uri("https://api.binance.com/api/v3/trades?symbol=BTCUSDT&limit=1000")));
    }

    [Test]
    public void Binance_trade_list_is_parsed_exactly()
    {
        var adapter = Samples.Adapter(ExchangeNames.Binance, "BTC-USDT");
        var body = """[{"id":28457,"price":"4.00000100","qty":"12.00000000","quoteQty":"48.000012","time":1499865549590,"isBuyerMaker":true,"isBestMatch":true}]"""u8;
        var buffer = new ParsedTrade[4];

        var result = adapter.ParseBackfillResponse(body, "BTC-USDT", 7, buffer);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        Assert.Multiple(() =>
        {
            Assert.That(buffer[0].TradeId, Is.EqualTo(28457));
            Assert.That((buffer[0].PriceMantissa, buffer[0].PriceScale), Is.EqualTo((400000100L, 8u)));
            Assert.That((buffer[0].QuantityMantissa, buffer[0].QuantityScale), Is.EqualTo((1200000000L, 8u)));
            Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Sell));
            Assert.That(buffer[0].ExchangeTimeUs, Is.EqualTo(1_499_865_549_590_000));
            Assert.That(buffer[0].Symbol, Is.EqualTo("BTC-USDT"));
            Assert.That(buffer[0].ReceiveTimeUs, Is.EqualTo(7));
        });
        Assert.That(
            adapter.ParseBackfillResponse("""{"code":-1121,"msg":"Invalid symbol."}"""u8, "BTC-USDT", 0, buffer),
            Is.EqualTo(new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Code: "-1121", Message: "Invalid symbol.")));
    }

    [Test]
    public void Bybit_recent_trades_are_parsed()
    {
        var adapter = Samples.Adapter(ExchangeNames.Bybit, "BTC-USDT");
        var body = """
            {"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[
              {"execId":"2100000000007764263","symbol":"BTCUSDT","price":"16618.49","size":"0.00012","side":"Buy","time":"1672052955758","isBlockTrade":false}]},
             "retExtInfo":{},"time":1672053054358}
            """u8;
        var buffer = new ParsedTrade[4];

        var request = adapter.BuildBackfillRequest("BTC-USDT", new TradeIdGap(1, 2));
        var result = adapter.ParseBackfillResponse(body, "BTC-USDT", 0, buffer);

        Assert.That(request, Is.EqualTo(new BackfillRequest(new Uri("https://api.bybit.com/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=60"), "BTC-USDT", false)));
        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        Assert.That(buffer[0].TradeId, Is.EqualTo(2100000000007764263));
        Assert.That((buffer[0].PriceMantissa, buffer[0].PriceScale), Is.EqualTo((1661849L, 2u)));
        Assert.That((buffer[0].QuantityMantissa, buffer[0].QuantityScale), Is.EqualTo((12L, 5u)));
        Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Buy));
        Assert.That(buffer[0].ExchangeTimeUs, Is.EqualTo(1_672_052_955_758_000));
        Assert.That(
            adapter.ParseBackfillResponse("""{"retCode":10001,"retMsg":"params error"}"""u8, "BTC-USDT", 0, buffer).Kind,
            Is.EqualTo(FrameKind.SubscribeError));
    }

    [Test]
    public void Okx_pages_back_from_the_end_of_the_gap_and_returns_trades_oldest_first()
    {
        var adapter = Samples.Adapter(ExchangeNames.Okx, "BTC-USDT");
        var body = """
            {"code":"0","msg":"","data":[
              {"instId":"BTC-USDT","side":"sell","sz":"0.00001","px":"29963.2","source":"0","tradeId":"242720721","ts":"1654161646975"},
              {"instId":"BTC-USDT","side":"buy","sz":"0.5","px":"29963.1","source":"0","tradeId":"242720720","ts":"1654161646974"}]}
            """u8;
        var buffer = new ParsedTrade[4];

        var request = adapter.BuildBackfillRequest("BTC-USDT", new TradeIdGap(242720720, 242720721));
        var result = adapter.ParseBackfillResponse(body, "BTC-USDT", 0, buffer);

        Assert.That(request.Uri, Is.EqualTo(new Uri("https://www.okx.com/api/v5/market/history-trades?instId=BTC-USDT&type=1&after=242720722&limit=2")));
        Assert.That(request.ByIdRange, Is.True);
        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 2)));
        Assert.That(buffer[..2].Select(t => t.TradeId), Is.EqualTo(new List<long> { 242720720L, 242720721L }));
        Assert.That(buffer[1].AggressorSide, Is.EqualTo(Side.Sell));
        Assert.That(buffer[1].Price, Is.EqualTo(29963.2m));
        Assert.That(adapter.ParseBackfillResponse("""{"code":"51001","msg":"Instrument ID does not exist","data":[]}"""u8, "BTC-USDT", 0, buffer).Code, Is.EqualTo("51001"));
    }

    [Test]
    public void Coinbase_advanced_trade_ticker_is_parsed_with_the_same_side_convention()
    {
        var adapter = Samples.Adapter(ExchangeNames.Coinbase, "BTC-USD");
        var body = """
            {"trades":[{"trade_id":"34b080bf-fcfd-445a-832b-46b5ddc65601","product_id":"BTC-USD","price":"140.91","size":"4","time":"2021-05-31T09:59:59.000Z","side":"BUY","exchange":"x"}],
             "best_bid":"291.13","best_ask":"292.40"}
            """u8;
        var buffer = new ParsedTrade[4];

        var request = adapter.BuildBackfillRequest("BTC-USD", TradeIdGap.None);
        var result = adapter.ParseBackfillResponse(body, "BTC-USD", 0, buffer);

        Assert.That(request.Uri, Is.EqualTo(new Uri("https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/ticker?limit=100")));
        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        Assert.That(buffer[0].TradeIdString(), Is.EqualTo("34b080bf-fcfd-445a-832b-46b5ddc65601"));
        Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Sell));
        Assert.That(buffer[0].ExchangeTimeUs, Is.EqualTo(1_622_455_199_000_000));
    }

    [Test]
    public void Coinbase_exchange_trades_fill_a_gap_by_id()
    {
        var adapter = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Coinbase, ["BTC-USD"]), new ExchangeAdapterOptions { CoinbaseExchangeFeed = true });
        var body = """[{"time":"2014-11-07T22:19:28.578544Z","trade_id":74,"price":"10.00000000","size":"0.01000000","side":"buy"}]"""u8;
        var buffer = new ParsedTrade[4];

        var request = adapter.BuildBackfillRequest("BTC-USD", new TradeIdGap(70, 74));
        var result = adapter.ParseBackfillResponse(body, "BTC-USD", 0, buffer);

        Assert.That(request.Uri, Is.EqualTo(new Uri("https://api.exchange.coinbase.com/products/BTC-USD/trades?after=75&limit=5")));
        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        Assert.That(buffer[0].TradeId, Is.EqualTo(74));
        Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Sell), "maker buy: the taker sold");
    }
}
