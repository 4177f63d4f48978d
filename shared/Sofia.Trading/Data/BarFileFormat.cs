namespace Sofia.Trading.Data;

/// <summary>Bar file formats the loaders read.</summary>
public enum BarFileFormat
{
    /// <summary>Decide from the file's first bytes (<see cref="BarFileReader.DetectFormat(string)"/>).</summary>
    Auto = 0,

    /// <summary>
    /// <c>open_time,open,high,low,close,volume</c> CSV (Sofia's binance-klines-1m files, header optional).
    /// </summary>
    OhlcvCsv = 1,

    /// <summary>
    /// Binance's public kline dump CSV, 12 columns: open time, open, high, low, close, volume, close time,
    /// quote volume, trades, taker buy base, taker buy quote, ignore; header optional. The first six are read.
    /// </summary>
    BinanceKlineCsv = 2,

    /// <summary>freqtrade's OHLCV JSON: <c>[[ms,open,high,low,close,volume],...]</c>.</summary>
    FreqtradeJson = 3,
}
