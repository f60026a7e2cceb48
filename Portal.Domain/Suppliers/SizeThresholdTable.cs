using System.Globalization;
using System.Reflection;

namespace Portal.Domain.Suppliers;

/// <summary>
/// The size thresholds of every industry, loaded from the reference file
/// <c>sme-size-thresholds.csv</c> (工信部联企业〔2011〕300号) embedded in this assembly.
/// </summary>
public sealed class SizeThresholdTable
{
    private const string ResourceName = "sme-size-thresholds.csv";
    private static readonly Lazy<SizeThresholdTable> _official = new(LoadEmbedded);

    private readonly Dictionary<string, IndustryThresholds> _industries;

    private SizeThresholdTable(IEnumerable<IndustryThresholds> industries)
    {
        _industries = industries.ToDictionary(i => i.Key, StringComparer.Ordinal);
    }

    /// <summary>The official table shipped with the portal.</summary>
    public static SizeThresholdTable Official => _official.Value;

    public IReadOnlyCollection<IndustryThresholds> Industries => _industries.Values;

    public bool Contains(string? industryKey) => industryKey is not null && _industries.ContainsKey(industryKey);

    public IndustryThresholds Get(string industryKey) =>
        _industries.TryGetValue(industryKey, out var industry)
            ? industry
            : throw new DomainException(new Phrase("Unknown industry '{0}'. Choose one of: {1}.", industryKey, string.Join(", ", _industries.Keys)), "industry");

    public SizeClassification Classify(string industryKey, SizeMeasures measures) => Get(industryKey).Classify(measures);

    /// <summary>Parses the CSV format of the reference file (header row, RFC 4180 quoting, 万元 money).</summary>
    public static SizeThresholdTable Parse(TextReader reader)
    {
        var header = Csv.SplitLine(reader.ReadLine() ?? throw new FormatException("The thresholds file is empty."));
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new FormatException($"The thresholds file has no column '{name}'.");

        var key = Column("industry_key");
        var zh = Column("industry_zh");
        var en = Column("industry_en");
        Thresholds ReadThresholds(string[] cells, string prefix) => new(
            ParseInt(cells[Column($"{prefix}_employees")]),
            ParseWan(cells[Column($"{prefix}_revenue_wan_yuan")]),
            ParseWan(cells[Column($"{prefix}_assets_wan_yuan")]));

        var rows = new List<IndustryThresholds>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var cells = RepairUnquotedName(Csv.SplitLine(line), header.Length, en, line);
            var row = new IndustryThresholds(cells[key], cells[zh], cells[en],
                ReadThresholds(cells, "sme_below"), ReadThresholds(cells, "medium_min"), ReadThresholds(cells, "small_min"));
            if (row.SmeBelow.IsEmpty)
            {
                throw new FormatException($"Industry '{row.Key}' has no SME ceiling.");
            }
            rows.Add(row);
        }
        return new SizeThresholdTable(rows);
    }

    /// <summary>
    /// The English industry name is the only free-text column after the key and the Chinese name, and the reference
    /// file leaves one such name with commas unquoted ("Industry (mining; manufacturing; electricity, heat, gas and
    /// water)"). Surplus cells are therefore joined back into that column; the numeric columns are never shifted.
    /// </summary>
    private static string[] RepairUnquotedName(string[] cells, int expected, int nameColumn, string line)
    {
        if (cells.Length == expected)
        {
            return cells;
        }
        var surplus = cells.Length - expected;
        if (surplus < 0 || nameColumn != 2)
        {
            throw new FormatException($"Thresholds row '{line}' has {cells.Length} cells, expected {expected}.");
        }
        var name = string.Join(",", cells[nameColumn..(nameColumn + surplus + 1)]);
        return [.. cells[..nameColumn], name, .. cells[(nameColumn + surplus + 1)..]];
    }

    private static SizeThresholdTable LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static int? ParseInt(string cell) =>
        cell.Length == 0 ? null : int.Parse(cell, NumberStyles.None, CultureInfo.InvariantCulture);

    private static decimal? ParseWan(string cell) =>
        cell.Length == 0 ? null : Money.WanToYuan(decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture));
}
