namespace AuthEvents.Web.Hosting;

/// <summary>The address the dashboard serves on when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
public static class ListenAddress
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>Loopback by default: a security dashboard is not exposed to the network unless the operator asks.</summary>
    public static WebApplicationBuilder UseDefaultListenAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]) && string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }
}
