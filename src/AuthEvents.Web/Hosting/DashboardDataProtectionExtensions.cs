using AuthEvents.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Web.Hosting;

public static class DashboardDataProtectionExtensions
{
    /// <summary>The folder under <c>Storage:DataDirectory</c> that holds the data-protection keys.</summary>
    public const string FolderName = "data-protection";

    /// <summary>
    /// ASP.NET data protection (antiforgery and circuit keys) with its keys beside the data, not in the user's home folder:
    /// an owner-only folder, each key encrypted at rest with the <c>DataProtection:Certificate</c> when one is configured,
    /// else under the store's payload key. Keys an older version wrote unencrypted are still read, so cookies stay valid.
    /// With PostgreSQL the keys are kept in the database (<c>data_protection_keys</c>), encrypted the same way, for every node.
    /// </summary>
    public static IServiceCollection AddDashboardDataProtection(this IServiceCollection services, string contentRoot, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("AuthEvents.Dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<StoreLocation, ILoggerFactory, IServiceProvider>((options, location, loggers, provider) =>
        {
            if (location.Provider == StoreProvider.PostgreSql)
            {
                // Every node reads and writes the same keys, so a cookie or antiforgery token from one is valid on all.
                options.XmlRepository = new EntityFrameworkCoreXmlRepository<AuthEventsDbContext>(provider, loggers);
                return;
            }

            var folder = Path.Combine(location.DataDirectory, FolderName);
            var logger = loggers.CreateLogger(typeof(DashboardDataProtectionExtensions).FullName!);
            PrivateFiles.EnsureFolder(folder, logger);
            foreach (var file in Directory.EnumerateFiles(folder, "*.xml"))
            {
                PrivateFiles.NarrowFile(file, logger);
            }

            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), NullLoggerFactory.Instance);
        });

        var certificate = configuration.GetSection(KeyCertificateOptions.SectionName).Get<KeyCertificateOptions>();
        if (!string.IsNullOrWhiteSpace(certificate?.Path))
        {
            builder.ProtectKeysWithCertificate(certificate.Load(contentRoot));
        }
        else
        {
            services.AddOptions<KeyManagementOptions>().Configure<KeyRing>((options, keys) => options.XmlEncryptor = new PayloadKeyXmlEncryptor(keys));
        }

        return services;
    }
}
