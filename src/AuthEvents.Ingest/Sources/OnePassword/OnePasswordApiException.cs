namespace AuthEvents.Ingest.Sources.OnePassword;

/// <summary>A failed Events API call. The message is short and safe to store: a status and the server's reason, never the token.</summary>
public sealed class OnePasswordApiException : SourcePollException
{
    public OnePasswordApiException()
    {
    }

    public OnePasswordApiException(string message)
        : base(message)
    {
    }

    public OnePasswordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OnePasswordApiException(OnePasswordFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public OnePasswordFailureKind Kind { get; } = OnePasswordFailureKind.Protocol;
}
