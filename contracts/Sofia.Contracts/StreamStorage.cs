namespace Sofia.Contracts;

/// <summary>Where a stream keeps its messages.</summary>
public enum StreamStorage
{
    /// <summary>On disk: survives a server restart.</summary>
    File,

    /// <summary>In memory only.</summary>
    Memory,
}
