namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>A failed poll. The message is short and safe to store and show: no token, no payload.</summary>
public sealed class LoginGovPollException : SourcePollException
{
    public LoginGovPollException()
    {
    }

    public LoginGovPollException(string message)
        : base(message)
    {
    }

    public LoginGovPollException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LoginGovPollException(LoginGovPollError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public LoginGovPollError Error { get; }
}
