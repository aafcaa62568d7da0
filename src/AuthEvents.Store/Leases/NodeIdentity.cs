namespace AuthEvents.Store.Leases;

/// <summary>
/// This dashboard process among the nodes that share one database (<c>Node:Id</c>; by default the host name, the process
/// id and a random suffix, so a restarted process is a new node).
/// </summary>
public sealed class NodeIdentity
{
    public const string ConfigurationKey = "Node:Id";

    public NodeIdentity(string? configured = null)
    {
        Id = string.IsNullOrWhiteSpace(configured)
            ? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}"
            : configured.Trim();
    }

    public string Id { get; }

    public override string ToString() => Id;
}
