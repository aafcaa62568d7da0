namespace AuthEvents.Store.Leases;

/// <summary>The lease table, in SQL both providers accept; each provider's migration runs it.</summary>
public static class SourceLeaseSchema
{
    public const string Create = """
        CREATE TABLE source_leases (
            source INTEGER NOT NULL PRIMARY KEY,
            holder TEXT NOT NULL,
            epoch BIGINT NOT NULL,
            expires_at_ticks BIGINT NOT NULL
        );
        """;

    public const string Drop = "DROP TABLE source_leases;";
}
