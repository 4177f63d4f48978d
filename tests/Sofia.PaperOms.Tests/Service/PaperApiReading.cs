using System.Text.Json;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>What <c>/trade/account</c>, <c>/trade/positions</c> and <c>/api/paper/state</c> answer, money as exact decimals.</summary>
internal sealed record PaperApiReading(
    decimal Cash,
    decimal Equity,
    decimal Deposits,
    decimal RealizedPnl,
    decimal FeesPaid,
    long Fills,
    IReadOnlyDictionary<string, decimal> CashByStrategy,
    IReadOnlyDictionary<string, decimal> QuantityByStrategy,
    bool KillSwitch,
    string KillSwitchReason,
    long LastTickTimeUs)
{
    public static async Task<PaperApiReading> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var account = await GetAsync(client, "trade/account", cancellationToken);
        using var positions = await GetAsync(client, "trade/positions", cancellationToken);
        using var state = await GetAsync(client, "api/paper/state", cancellationToken);
        var combined = account.RootElement.GetProperty("combined");
        return new PaperApiReading(
            combined.GetProperty("cash").GetDecimal(),
            combined.GetProperty("equity").GetDecimal(),
            combined.GetProperty("deposits").GetDecimal(),
            combined.GetProperty("realizedPnl").GetDecimal(),
            combined.GetProperty("feesPaid").GetDecimal(),
            combined.GetProperty("fills").GetInt64(),
            account.RootElement.GetProperty("strategies").EnumerateArray()
                .ToDictionary(s => s.GetProperty("strategy").GetString()!, s => s.GetProperty("cash").GetDecimal()),
            positions.RootElement.GetProperty("positions").EnumerateArray()
                .ToDictionary(p => p.GetProperty("strategy").GetString()!, p => p.GetProperty("quantity").GetDecimal()),
            state.RootElement.GetProperty("killSwitch").GetBoolean(),
            state.RootElement.GetProperty("killSwitchReason").GetString() ?? string.Empty,
            state.RootElement.GetProperty("lastTickTimeUs").GetInt64());
    }

    internal static async Task<JsonDocument> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
