using System.Globalization;

namespace Sofia.Trading.Strategies;

/// <summary>
/// One tunable parameter: its name, kind, range, step, default and meaning. Values travel as doubles (a categorical
/// value is its choice's index), so the optimizer can treat every space the same way.
/// </summary>
public sealed record ParameterDefinition
{
    private ParameterDefinition(string name, ParameterKind kind, double min, double max, double step, double defaultValue, IReadOnlyList<string> choices, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Min = min;
        Max = max;
        Step = step;
        Default = defaultValue;
        Choices = choices;
        Description = description;
        if (Validate(defaultValue) is string error)
        {
            throw new ArgumentException($"Default of '{name}' is invalid: {error}", nameof(defaultValue));
        }
    }

    /// <summary>Parameter name as used on the command line (<c>--param fast=20</c>).</summary>
    public string Name { get; }

    /// <summary>How the parameter is sampled.</summary>
    public ParameterKind Kind { get; }

    /// <summary>Smallest value (0 for categorical).</summary>
    public double Min { get; }

    /// <summary>Largest value (last choice index for categorical).</summary>
    public double Max { get; }

    /// <summary>Grid step from <see cref="Min"/> (1 for integers; 0 for continuous).</summary>
    public double Step { get; }

    /// <summary>The default value.</summary>
    public double Default { get; }

    /// <summary>Choices of a categorical parameter; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>One-line meaning.</summary>
    public string Description { get; }

    /// <summary>An integer parameter.</summary>
    public static ParameterDefinition Whole(string name, int min, int max, int defaultValue, string description, int step = 1) =>
        new(name, ParameterKind.Whole, min, max, step, defaultValue, [], description);

    /// <summary>A real parameter, continuous unless <paramref name="step"/> is positive.</summary>
    public static ParameterDefinition Real(string name, double min, double max, double defaultValue, string description, double step = 0) =>
        new(name, ParameterKind.Real, min, max, step, defaultValue, [], description);

    /// <summary>A positive real parameter searched in log space.</summary>
    public static ParameterDefinition LogReal(string name, double min, double max, double defaultValue, string description)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(min);
        return new(name, ParameterKind.LogReal, min, max, 0, defaultValue, [], description);
    }

    /// <summary>A categorical parameter.</summary>
    public static ParameterDefinition Categorical(string name, IReadOnlyList<string> choices, string defaultChoice, string description)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var index = -1;
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i], defaultChoice, StringComparison.Ordinal))
            {
                index = i;
            }
        }

        return new(name, ParameterKind.Categorical, 0, choices.Count - 1, 1, index, choices, description);
    }

    /// <summary>Null when <paramref name="value"/> is allowed, else a sentence saying why not.</summary>
    public string? Validate(double value)
    {
        if (!double.IsFinite(value))
        {
            return "the value must be a finite number";
        }

        if (value < Min || value > Max)
        {
            return Kind == ParameterKind.Categorical
                ? $"choose one of {string.Join(", ", Choices)}"
                : string.Create(CultureInfo.InvariantCulture, $"{Format(value)} is outside [{Format(Min)}, {Format(Max)}]");
        }

        if ((Kind == ParameterKind.Whole || Kind == ParameterKind.Categorical) && value != Math.Floor(value))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value} is not a whole number");
        }

        if (Step > 0 && Kind != ParameterKind.Categorical)
        {
            var steps = (value - Min) / Step;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-9)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{Format(value)} is not on the grid {Format(Min)} + k·{Format(Step)}");
            }
        }

        return null;
    }

    /// <summary>Parses <paramref name="text"/> (a number, or a choice name for categorical) and validates it.</summary>
    public bool TryParse(string text, out double value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = double.NaN;
        if (Kind == ParameterKind.Categorical)
        {
            for (var i = 0; i < Choices.Count; i++)
            {
                if (string.Equals(Choices[i], text.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    value = i;
                    error = null;
                    return true;
                }
            }

            error = $"'{text}' is not a choice of {Name} (choose one of {string.Join(", ", Choices)})";
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            error = $"'{text}' is not a number";
            return false;
        }

        error = Validate(value);
        return error is null;
    }

    /// <summary>Formats a value for people: a number, or the choice name for categorical.</summary>
    public string Format(double value) =>
        Kind == ParameterKind.Categorical && value >= 0 && value < Choices.Count && value == Math.Floor(value)
            ? Choices[(int)value]
            : value.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>The range as text: <c>[5, 200] step 1</c>, <c>[0.001, 1] log</c> or <c>{none, sma, hurst}</c>.</summary>
    public string DescribeRange() => Kind switch
    {
        ParameterKind.Categorical => "{" + string.Join(", ", Choices) + "}",
        ParameterKind.LogReal => $"[{Format(Min)}, {Format(Max)}] log",
        _ when Step > 0 => $"[{Format(Min)}, {Format(Max)}] step {Format(Step)}",
        _ => $"[{Format(Min)}, {Format(Max)}]",
    };
}
