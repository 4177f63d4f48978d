namespace Sofia.Hosting;

/// <summary>Tags that sort health checks into the liveness and readiness endpoints.</summary>
public static class SofiaHealthTags
{
    /// <summary>Checks that answer <c>/health/live</c>: the process itself works.</summary>
    public const string Live = "live";

    /// <summary>Checks that answer <c>/health/ready</c>: dependencies answer and the service keeps up.</summary>
    public const string Ready = "ready";
}
