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
