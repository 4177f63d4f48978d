using Microsoft.Extensions.Options;
using Sofia.Signals;

namespace Sofia.PaperOms.Options;

/// <summary>Loads the strategy plan at start, so a missing or bad plan stops the OMS naming the key.</summary>
internal sealed class StrategiesFileValidator : IValidateOptions<PaperOmsOptions>
{
    public ValidateOptionsResult Validate(string? name, PaperOmsOptions options)
    {
        if (options.StrategiesPath is not { } path)
        {
            return ValidateOptionsResult.Skip;
        }

        return StrategyPlan.ProblemWith(path) is { } problem
            ? ValidateOptionsResult.Fail($"{PaperOmsOptions.SectionName}:{nameof(PaperOmsOptions.StrategiesFile)} ({path}): {problem}")
            : ValidateOptionsResult.Success;
    }
}
