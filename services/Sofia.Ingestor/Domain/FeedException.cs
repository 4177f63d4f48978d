namespace Sofia.Ingestor.Domain;

/// <summary>An exchange connection could not be established or subscribed.</summary>
internal sealed class FeedException(string message) : Exception(message);
