using MudBlazor;

namespace AuthEvents.Web.Components.Layout;

/// <summary>
/// The product's one theme: palettes whose text and status colours pass WCAG AA on their backgrounds (the same tokens
/// the pages used before), a system font stack (no web fonts: the dashboard runs without internet access), one type
/// scale and one radius.
/// </summary>
public static class AppTheme
{
    private static readonly string[] Fonts = ["-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Liberation Sans", "system-ui", "sans-serif"];

    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#6d28d9",
            Success = "#15803d",
            Error = "#b91c1c",
            Warning = "#b45309",
            Info = "#475569",
            Background = "#f6f7f9",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            DrawerBackground = "#1e2330",
            DrawerText = "#e5e7eb",
            DrawerIcon = "#cbd5e1",
            TextPrimary = "#1f2937",
            TextSecondary = "#4b5563",
            TableLines = "#e5e7eb",
            Divider = "#e5e7eb",
            LinesDefault = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            // Under white text #3871ff is 4.3:1; this shade passes AA.
            Primary = "#2f5fd6",
            Secondary = "#a78bfa",
            Success = "#4ade80",
            Error = "#f87171",
            Warning = "#fbbf24",
            Info = "#a3b1c6",
            Background = "#111318",
            Surface = "#1b1e25",
            AppbarBackground = "#1b1e25",
            AppbarText = "#e5e7eb",
            DrawerBackground = "#15181e",
            DrawerText = "#e5e7eb",
            DrawerIcon = "#cbd5e1",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#a6adb8",
            TableLines = "#2c313a",
            Divider = "#2c313a",
            LinesDefault = "#2c313a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, FontSize = "0.875rem", LineHeight = "1.45" },
            H1 = new H1Typography { FontFamily = Fonts, FontSize = "1.55rem", FontWeight = "700", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = Fonts, FontSize = "1.15rem", FontWeight = "650", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = Fonts, FontSize = "1rem", FontWeight = "650", LineHeight = "1.35" },
            Body1 = new Body1Typography { FontFamily = Fonts, FontSize = "0.875rem", LineHeight = "1.45" },
            Body2 = new Body2Typography { FontFamily = Fonts, FontSize = "0.8125rem", LineHeight = "1.45" },
            Button = new ButtonTypography { FontFamily = Fonts, FontSize = "0.8125rem", FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "220px",
            AppbarHeight = "56px",
        },
    };
}
