namespace AuthEvents.Web.Hosting;

/// <summary>Settings the dashboard will not start with; the message says which setting to change, and is all the operator sees.</summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
