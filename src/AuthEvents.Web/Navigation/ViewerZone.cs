namespace AuthEvents.Web.Navigation;

/// <summary>
/// The viewer's time zone as the layout cascades it to every page: UTC and not known until the browser has answered
/// (once per circuit), then the browser's zone. A page that shows local times loads again when it becomes known.
/// </summary>
public sealed record ViewerZone(TimeZoneInfo Zone, bool Known)
{
    public static ViewerZone Unknown { get; } = new(TimeZoneInfo.Utc, false);
}
