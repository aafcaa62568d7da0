using AuthEvents.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultListenAddress();
try
{
    builder.Services.AddAuthEventsDashboard(builder.Environment.ContentRootPath, builder.Configuration);
}
catch (StartupRefusedException ex)
{
    // A setting to change, not a crash: the message alone, and a failing exit code.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

// Serve static web assets (the SDK's _framework/blazor.web.js, the component libraries' CSS and JS) from the build
// output in every environment, not only Development. Without it `dotnet run` in Production finds the routes in the
// endpoints manifest but not the files, and answers 200 with an empty body. A published build has no runtime
// manifest, serves the copies under its wwwroot, and this does nothing.
builder.WebHost.UseStaticWebAssets();

var app = builder.Build();
try
{
    await app.InitializeStoreAsync(app.Lifetime.ApplicationStopping);
}
catch (AuthEvents.Store.StoreConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

app.UseAuthEventsDashboard();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
