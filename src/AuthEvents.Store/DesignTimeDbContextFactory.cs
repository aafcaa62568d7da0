using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AuthEvents.Store;

/// <summary>
/// The context <c>dotnet ef</c> builds when it generates a migration: the SQLite provider with a throwaway file name, which
/// the generator never opens. The dashboard itself configures the context in <see cref="StoreServiceCollectionExtensions"/>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuthEventsDbContext>
{
    public AuthEventsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuthEventsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
