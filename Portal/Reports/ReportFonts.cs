using System.Reflection;
using PdfSharp.Fonts;

namespace Portal.Reports;

/// <summary>
/// The one typeface of every report, WenQuanYi Micro Hei (文泉驿微米黑, Apache-2.0), read from the assembly so a PDF
/// never depends on the host's fonts. Bold is simulated: the face has no bold weight. PDFsharp embeds only the glyphs a
/// document uses, so a report stays small although the font file is 4.6 MB.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    private const string FaceName = "wqy-microhei";
    private const string ResourceName = "Portal.Reports.Fonts.wqy-microhei.ttf";

    private static readonly Lazy<byte[]> _font = new(Load);
    private static readonly object _gate = new();
    private static bool _registered;

    /// <summary>
    /// Enables PDFsharp under the AGPL (the portal is AGPL-3.0-or-later, see decision 0002) and installs this resolver;
    /// PDFsharp keeps both in static settings, so this runs once per process whatever the number of callers.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (_gate)
        {
            if (_registered)
            {
                return;
            }
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver = new ReportFonts();
            _registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName == FaceName ? _font.Value : null;

    private static byte[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The report font {ResourceName} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
