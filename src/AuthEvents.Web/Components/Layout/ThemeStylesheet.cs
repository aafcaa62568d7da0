using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AuthEvents.Web.Components.Layout;

/// <summary>
/// The dark palette as plain CSS, applied by the document's <c>data-theme-mode</c>: for an explicit dark choice, and
/// for "system" under <c>prefers-color-scheme: dark</c>. MudThemeProvider writes one palette, picked on the server,
/// which cannot know the OS setting: with this sheet a dark OS sees no light flash and a change of OS setting applies
/// at once, with no script. Built once by rendering MudThemeProvider itself, so the variable names stay MudBlazor's.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<Task<string>> _css = new(() => BuildAsync(services, loggers));

    /// <summary>The stylesheet's text (our own generated CSS, never input).</summary>
    public Task<string> GetAsync() => _css.Value;

    private static async Task<string> BuildAsync(IServiceProvider services, ILoggerFactory loggers)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var dark = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Instance,
                [nameof(MudThemeProvider.IsDarkMode)] = true,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            }));
            return output.ToHtmlString();
        });
        var palette = string.Concat(PaletteVariable().Matches(System.Net.WebUtility.HtmlDecode(dark)).Select(m => m.Value));
        if (palette.Length == 0)
        {
            throw new InvalidOperationException("MudThemeProvider wrote no --mud-palette-* variables; the dark stylesheet cannot be built.");
        }

        var css = new StringBuilder();
        css.Append("html[data-theme-mode=\"dark\"]{color-scheme:dark;").Append(palette).Append('}');
        css.Append("@media (prefers-color-scheme: dark){html[data-theme-mode=\"system\"]{color-scheme:dark;").Append(palette).Append("}}");
        return css.ToString();
    }

    [GeneratedRegex(@"--mud-palette-[a-z0-9-]+:\s*[^;{}<>]+;")]
    private static partial Regex PaletteVariable();
}
