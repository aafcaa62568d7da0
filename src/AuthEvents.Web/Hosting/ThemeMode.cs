namespace AuthEvents.Web.Hosting;

/// <summary>
/// Light, dark or follow the system, as the theme cookie and <c>html[data-theme-mode]</c> spell it. The dark palette's
/// stylesheet applies to <c>dark</c>, and to <c>system</c> under <c>prefers-color-scheme: dark</c>, so "system" follows the
/// OS setting live with no script and no flash.
/// </summary>
public static class ThemeMode
{
    public const string CookieName = "authevents-theme";
    public const string Light = "light";
    public const string Dark = "dark";
    public const string System = "system";

    public static string Parse(string? value) => value switch
    {
        Light => Light,
        Dark => Dark,
        _ => System,
    };
}
