using AuthEvents.Core.Events;

namespace AuthEvents.Web.Hosting;

/// <summary>How sources are named on screen.</summary>
public static class SourceNames
{
    public static string Display(EventSource source) => source switch
    {
        EventSource.LoginGov => "Login.gov",
        EventSource.OnePassword => "1Password",
        EventSource.Entrust => "Entrust",
        EventSource.FusionAuth => "FusionAuth",
        _ => source.ToString(),
    };
}
