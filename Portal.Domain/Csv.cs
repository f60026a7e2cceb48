using System.Text;

namespace Portal.Domain;

/// <summary>Minimal RFC 4180: splitting the reference data files' lines (quoted cells may hold commas) and writing exports.</summary>
public static class Csv
{
    /// <summary>
    /// One line of cells, each quoted when it holds a comma, a quote or a line break. A text cell that a spreadsheet would
    /// take for a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first) is prefixed with an apostrophe.
    /// </summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(",", cells.Select(Cell));

    /// <summary>A number written as is (never prefixed), invariant culture.</summary>
    public static string Number(decimal value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '@' or '-' && !decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string[] SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
