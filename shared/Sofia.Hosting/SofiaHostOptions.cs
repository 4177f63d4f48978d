using System.ComponentModel.DataAnnotations;

namespace Sofia.Hosting;

/// <summary>Settings every Sofia service shares, bound from the <c>Hosting</c> section.</summary>
public sealed record SofiaHostOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Hosting";

    /// <summary>Stays under Kubernetes' default 30 s grace period, so the pod exits before it is killed.</summary>
    internal const int DefaultShutdownTimeoutSeconds = 25;

    /// <summary>How long a stopping service may drain in-flight work before it exits.</summary>
    [Range(1, 600, ErrorMessage = "must be a whole number of seconds between {1} and {2}")]
    public int ShutdownTimeoutSeconds { get; init; } = DefaultShutdownTimeoutSeconds;
}
