namespace AuthEvents.Web.Hosting;

/// <summary>
/// Light, dark or follow the system. Both theme stylesheets are always linked; their <c>media</c> attributes
/// decide which applies, so "system" follows the OS setting live with no script and no flash.
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

    public static string LightMedia(string mode) => mode switch
    {
        Light => "all",
        Dark => "not all",
        _ => "(prefers-color-scheme: light)",
    };

    public static string DarkMedia(string mode) => mode switch
    {
        Light => "not all",
        Dark => "all",
        _ => "(prefers-color-scheme: dark)",
    };
}
