using AuthEvents.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultListenAddress();
// Serve package assets (Radzen's CSS and JS) from the build output in every environment, not only Development;
// in published output the manifest is absent and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddAuthEventsDashboard(builder.Environment.ContentRootPath, builder.Configuration);

var app = builder.Build();
await app.InitializeStoreAsync(app.Lifetime.ApplicationStopping);
app.UseAuthEventsDashboard();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
