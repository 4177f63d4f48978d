using System.ComponentModel.DataAnnotations;

namespace Sofia.Ingestor.Options;

/// <summary>Which markets the ingestor follows, bound from the <c>Ingestor</c> section.</summary>
internal sealed record IngestorOptions : IValidatableObject
{
    public const string SectionName = "Ingestor";

    /// <summary>Exchange names as they appear in subjects.</summary>
    public static IReadOnlyList<string> KnownExchanges { get; } = ["binance", "bybit", "okx", "coinbase"];

    [MinLength(1, ErrorMessage = "must list at least one exchange")]
    public IReadOnlyList<string> Exchanges { get; init; } = [];

    [MinLength(1, ErrorMessage = "must list at least one symbol")]
    public IReadOnlyList<string> Symbols { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Exchanges.Count; i++)
        {
            if (!KnownExchanges.Contains(Exchanges[i], StringComparer.Ordinal))
            {
                yield return new ValidationResult(
                    $"'{Exchanges[i]}' is not a known exchange; use one of {string.Join(", ", KnownExchanges)} (lower-case)",
                    [$"{nameof(Exchanges)}:{i}"]);
            }
        }

        for (var i = 0; i < Symbols.Count; i++)
        {
            if (!Sofia.Contracts.Symbols.TryCanonicalize(Symbols[i], out var canonical, out var error))
            {
                yield return new ValidationResult(error, [$"{nameof(Symbols)}:{i}"]);
            }
            else if (!string.Equals(canonical, Symbols[i], StringComparison.Ordinal))
            {
                yield return new ValidationResult(
                    $"'{Symbols[i]}' is not canonical BASE-QUOTE; write '{canonical}'",
                    [$"{nameof(Symbols)}:{i}"]);
            }
        }
    }
}
