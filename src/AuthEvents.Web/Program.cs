using AuthEvents.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultListenAddress();
builder.Services.AddAuthEventsDashboard(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
await app.InitializeStoreAsync(app.Lifetime.ApplicationStopping);
app.UseAuthEventsDashboard();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
