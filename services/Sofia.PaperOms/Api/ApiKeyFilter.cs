using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sofia.PaperOms.Options;

namespace Sofia.PaperOms.Api;

/// <summary>Answers 401 unless the request carries the configured key in <see cref="HeaderName"/> (compared in constant time).</summary>
internal sealed class ApiKeyFilter(IOptions<PaperOmsOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        var expected = options.Value.ApiKey;
        var ok = given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
        return ok
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                detail: $"this endpoint requires a valid {HeaderName} header",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized"));
    }
}
