namespace AuthEvents.Store;

/// <summary>The database behind the store (<c>Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file in the data folder: one dashboard node. The default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:AuthEvents</c>: any number of dashboard nodes.</summary>
    PostgreSql,
}

/// <summary>Which database the store uses (section <c>Store</c>).</summary>
public sealed class StoreProviderOptions
{
    public const string SectionName = "Store";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;
}
