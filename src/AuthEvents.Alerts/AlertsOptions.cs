using AuthEvents.Store.Alerts;

namespace AuthEvents.Alerts;

/// <summary>The <c>Alerts</c> section: the engine's switches. Each rule's own settings are under <c>Alerts:Rules:&lt;id&gt;</c> (<see cref="AlertRuleSet"/>).</summary>
public sealed class AlertsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Alerts";

    /// <summary>Whether rules are evaluated at all (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Evidence rows kept per alert; further events are counted and reachable through a filtered /live.</summary>
    public int EvidencePerAlert { get; set; } = 1000;

    /// <summary>How long new evidence for a rule and key an analyst marked false positive goes silently to that alert.</summary>
    public TimeSpan FalsePositiveQuiet { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How a rule seen for the first time evaluates stored history.</summary>
    public ReevaluateSettings Reevaluate { get; set; } = new();

    /// <summary>The writer's part of these options.</summary>
    public AlertWriterOptions Writer => new()
    {
        EvidencePerAlert = EvidencePerAlert,
        FalsePositiveQuiet = FalsePositiveQuiet,
        NewRuleHistory = Reevaluate.Over > TimeSpan.Zero ? Reevaluate.Over : null,
    };

    /// <summary><c>Alerts:Reevaluate</c>.</summary>
    public sealed class ReevaluateSettings
    {
        /// <summary>How far back a new rule evaluates the stored events (default 30 days; 0 for none).</summary>
        public TimeSpan Over { get; set; } = TimeSpan.FromDays(30);
    }
}
