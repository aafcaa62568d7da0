namespace AuthEvents.Store;

/// <summary>The store's settings cannot work (for example PostgreSQL without a connection string): start-up stops with the message.</summary>
public sealed class StoreConfigurationException : Exception
{
    public StoreConfigurationException()
    {
    }

    public StoreConfigurationException(string message)
        : base(message)
    {
    }

    public StoreConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
