using AuthEvents.Core.Events;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// Whether the built-in simulator runs. Resolved once at start-up: <c>Demo:Enabled</c> when set, otherwise on
/// exactly when no provider source (<c>Sources:{LoginGov,OnePassword,Entrust,FusionAuth}:Enabled</c>) is enabled.
/// </summary>
public sealed class DemoMode
{
    private static readonly string[] SourceSections = ["LoginGov", "OnePassword", "Entrust", "FusionAuth"];

    private readonly IConfiguration _configuration;

    public DemoMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        var configured = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>()?.Enabled;
        AnySourceEnabled = SourceSections.Any(s => configuration.GetValue<bool>($"Sources:{s}:Enabled"));
        IsEnabled = configured ?? !AnySourceEnabled;
    }

    public bool IsEnabled { get; }

    public bool AnySourceEnabled { get; }

    /// <summary>How a source runs: <c>live</c> (configured), <c>demo</c> (simulated) or <c>disabled</c>.</summary>
    public string ModeOf(EventSource source) =>
        _configuration.GetValue<bool>($"Sources:{source}:Enabled") ? "live" : IsEnabled ? "demo" : "disabled";
}
