using Microsoft.Extensions.Options;
using Sofia.Signals;

namespace Sofia.SignalHub.Options;

/// <summary>Loads the strategy plan at start, so a bad path or a bad value stops the service naming the key.</summary>
internal sealed class StrategyPlanValidator : IValidateOptions<SignalHubOptions>
{
    public ValidateOptionsResult Validate(string? name, SignalHubOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.StrategiesFile))
        {
            return ValidateOptionsResult.Skip;
        }

        return StrategyPlan.ProblemWith(options.StrategiesPath) is { } problem
            ? ValidateOptionsResult.Fail($"{SignalHubOptions.SectionName}:{nameof(SignalHubOptions.StrategiesFile)} ({options.StrategiesPath}): {problem}")
            : ValidateOptionsResult.Success;
    }
}
