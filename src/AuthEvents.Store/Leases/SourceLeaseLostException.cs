using AuthEvents.Core.Events;

namespace AuthEvents.Store.Leases;

/// <summary>
/// A pulled source's write was refused because this node no longer holds the source's lease: another node took over,
/// and its cursor or acks must not be overwritten by this one's.
/// </summary>
public sealed class SourceLeaseLostException : Exception
{
    public SourceLeaseLostException()
    {
    }

    public SourceLeaseLostException(string message)
        : base(message)
    {
    }

    public SourceLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SourceLeaseLostException(EventSource source, string node)
        : base($"{source}: this node ({node}) no longer holds the lease to pull it; another node took over.")
    {
    }
}
