using System.Net.Http.Json;
using System.Text.Json;

namespace Sofia.Cli.Demo;

/// <summary>Reads the paper OMS through its HTTP API (<c>/api/paper/state</c>), as any client of the service would.</summary>
internal sealed class OmsClient(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<OmsSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        using var json = await _http.GetFromJsonAsync<JsonDocument>("api/paper/state", cancellationToken)
            ?? throw new InvalidOperationException("The paper OMS returned no state.");
        var root = json.RootElement;
        var books = root.GetProperty("books").EnumerateArray().Select(b =>
        {
            var ledger = b.GetProperty("ledger");
            return (Strategy: b.GetProperty("strategy").GetString()!,
                Deposits: ledger.GetProperty("deposits").GetDecimal(),
                Equity: ledger.GetProperty("equity").GetDecimal(),
                Realized: ledger.GetProperty("realizedPnl").GetDecimal(),
                Fees: ledger.GetProperty("feesPaid").GetDecimal(),
                Fills: ledger.GetProperty("fills").GetInt64());
        });
        var strategies = books.GroupBy(b => b.Strategy, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StrategyAccount(g.Key, g.Count(), g.Sum(b => b.Deposits), g.Sum(b => b.Equity), g.Sum(b => b.Realized), g.Sum(b => b.Fees), g.Sum(b => b.Fills)))
            .ToList();
        return new OmsSnapshot(
            root.GetProperty("lastTickTimeUs").GetInt64(),
            root.GetProperty("killSwitch").GetBoolean(),
            root.GetProperty("killSwitchReason").GetString() ?? string.Empty,
            strategies);
    }

    public void Dispose() => _http.Dispose();
}
