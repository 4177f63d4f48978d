using System.Net;
using System.Text.Json;

namespace Sofia.Cli.Operations;

/// <summary>One service's answer to <c>GET /health/ready</c>: its status and the reason of any check that is not healthy.</summary>
internal sealed record ServiceStatus(string Name, Uri Url, string Status, string Detail)
{
    public bool IsReady => Status == "Healthy";

    public static async Task<ServiceStatus> ProbeAsync(HttpClient http, string name, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url, "health/ready"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var (status, detail) = Describe(body);
            return new ServiceStatus(name, url, status ?? (response.StatusCode == HttpStatusCode.OK ? "Healthy" : "Unhealthy"), detail);
        }
        catch (HttpRequestException ex)
        {
            return new ServiceStatus(name, url, "Unreachable", ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServiceStatus(name, url, "Unreachable", "no answer within the timeout");
        }
    }

    private static (string? Status, string Detail) Describe(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            var problems = new List<string>();
            if (root.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Array)
            {
                foreach (var check in checks.EnumerateArray())
                {
                    var checkStatus = check.TryGetProperty("status", out var cs) ? cs.GetString() : null;
                    if (checkStatus is not null and not "Healthy")
                    {
                        var description = check.TryGetProperty("description", out var d) ? d.GetString() : null;
                        problems.Add($"{check.GetProperty("name").GetString()}: {description ?? checkStatus}");
                    }
                }
            }

            return (status, string.Join("; ", problems));
        }
        catch (JsonException)
        {
            return (null, "");
        }
    }
}
