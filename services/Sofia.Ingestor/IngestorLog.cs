namespace Sofia.Ingestor;

/// <summary>Log messages of the ingestor; event ids 2000–2999 belong to it.</summary>
internal static partial class IngestorLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Ingestor configured for exchanges {Exchanges} and symbols {Symbols}; exchange adapters are not wired yet")]
    public static partial void Configured(ILogger logger, string exchanges, string symbols);
}
