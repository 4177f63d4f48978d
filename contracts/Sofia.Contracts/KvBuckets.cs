namespace Sofia.Contracts;

/// <summary>JetStream key-value buckets of the control plane.</summary>
public static class KvBuckets
{
    /// <summary>Parameters promoted by the optimizer; key <c>{strategy}.{symbol}</c>, value JSON.</summary>
    public const string PromotedParameters = "promoted-params";

    /// <summary>Kill switch state of the paper OMS; key <see cref="KillSwitchKey"/>.</summary>
    public const string Control = "sofia-control";

    /// <summary>The key of the kill switch in <see cref="Control"/>.</summary>
    public const string KillSwitchKey = "kill-switch";
}
