namespace AuthEvents.Store;

/// <summary>
/// The store's tables lack what this version reads and writes, though its migration history says it is current: a file
/// created by a pre-release build whose first migration later changed. Writing to it would fail on every batch.
/// </summary>
public sealed class StoreSchemaMismatchException : Exception
{
    public StoreSchemaMismatchException()
    {
    }

    public StoreSchemaMismatchException(string message)
        : base(message)
    {
    }

    public StoreSchemaMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreSchemaMismatchException(string location, IReadOnlyList<string> missing)
        : base($"The store at {location} does not have the tables and columns this version uses (missing: {string.Join(", ", missing)}), "
            + "although its migration history says it is up to date: it was probably created by a pre-release build. Move the file aside "
            + "(the dashboard then creates a new store) or set Storage:DataDirectory to another folder.")
    {
        Missing = missing;
    }

    /// <summary>Missing tables (<c>table</c>) and columns (<c>table.column</c>).</summary>
    public IReadOnlyList<string> Missing { get; } = [];
}
