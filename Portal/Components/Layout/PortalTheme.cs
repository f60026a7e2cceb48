using MudBlazor;

namespace Portal.Components.Layout;

internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#2e7d32",
            AppbarBackground = "#1f5f8b",
            // MudBlazor's default status colours fail WCAG AA contrast (white on #00c853 is 2.2:1, alert text on its
            // tint 2.9–3.8:1); these keep their hue at 5:1 or better against white and against their alert tint.
            Info = "#1565c0",
            Success = "#1b7a3a",
            Warning = "#a65400",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Roboto", "\"PingFang SC\"", "\"Microsoft YaHei\"", "\"WenQuanYi Micro Hei\"", "\"Noto Sans CJK SC\"", "sans-serif"],
            },
        },
    };
}
