using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AuthEvents.Store.PostgreSql;

/// <summary>
/// The context <c>dotnet ef</c> builds for the PostgreSQL migrations; it never connects:
/// <c>dotnet ef migrations add Name --project src/AuthEvents.Store.PostgreSql --output-dir Migrations</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuthEventsDbContext>
{
    public AuthEventsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AuthEventsDbContext>();
        StoreServiceCollectionExtensions.UseStore(options, new StoreLocation("design-time", "Host=localhost;Database=design-time", StoreProvider.PostgreSql));
        return new AuthEventsDbContext(options.Options);
    }
}
