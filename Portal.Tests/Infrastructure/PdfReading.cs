using System.Diagnostics;
using UglyToad.PdfPig;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads generated PDFs back: each page's text (PdfPig), and a page as PNG (pdftoppm) for a person to look at.</summary>
public static class PdfReading
{
    /// <summary>The text of every page, in order (PdfPig joins the letters; the spaces drawn are kept).</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }

    public static string Text(byte[] pdf) => string.Join("\n", Pages(pdf));

    /// <summary>
    /// Renders the first page at 60 dpi to <c>test-results/pdf/{name}-1.png</c> beside the test output (when pdftoppm is
    /// installed, as test.sh ensures) so the layout can be looked at; returns the PNG's path.
    /// </summary>
    public static string? RenderFirstPage(byte[] pdf, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "test-results", "pdf");
        Directory.CreateDirectory(directory);
        var source = Path.Combine(directory, name + ".pdf");
        File.WriteAllBytes(source, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", source, Path.Combine(directory, name)])
            {
                RedirectStandardError = true,
            })!;
            process.WaitForExit(30_000);
            return process.ExitCode == 0 ? Path.Combine(directory, name + ".png") : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
