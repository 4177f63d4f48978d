namespace Sofia.Hosting;

/// <summary>Process exit codes a Sofia service uses.</summary>
public static class SofiaExitCodes
{
    /// <summary>The service ran and stopped cleanly.</summary>
    public const int Success = 0;

    /// <summary>Configuration is missing or invalid (EX_CONFIG from sysexits.h).</summary>
    public const int ConfigurationInvalid = 78;
}
