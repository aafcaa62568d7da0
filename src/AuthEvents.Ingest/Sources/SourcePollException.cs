namespace AuthEvents.Ingest.Sources;

/// <summary>A failed poll of a pull source. Its message is short and safe to store and show: no token, no payload.</summary>
public class SourcePollException : Exception
{
    public SourcePollException()
    {
    }

    public SourcePollException(string message)
        : base(message)
    {
    }

    public SourcePollException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
