namespace Portal.Domain.Suppliers;

/// <summary>
/// One industry row of the size thresholds. Money thresholds are in yuan (the reference file's 万元 × 10,000);
/// a null threshold means the rule does not use that measure for this industry.
/// </summary>
public sealed record IndustryThresholds(
    string Key,
    string NameZh,
    string NameEn,
    Thresholds SmeBelow,
    Thresholds MediumMin,
    Thresholds SmallMin)
{
    /// <summary>
    /// SME when ANY filled "below" measure is strictly below its value (以下 excludes the number); medium when
    /// EVERY filled medium minimum is reached (及以上 includes it); small when every small minimum is reached;
    /// micro otherwise.
    /// </summary>
    public SizeClassification Classify(SizeMeasures measures)
    {
        var industry = Name;
        var below = SmeBelow.Compare(measures).Where(c => c.Value < c.Threshold).ToList();
        if (below.Count == 0)
        {
            return new SizeClassification(SizeClass.Large, Key,
                new Phrase("{0}: large — no measure is below the SME ceiling ({1}).", industry, AtLeast(SmeBelow.Compare(measures))));
        }
        var smeReason = new Phrase("SME because {0}", Below(below));
        if (MediumMin.Compare(measures).All(c => c.Value >= c.Threshold))
        {
            return new SizeClassification(SizeClass.Medium, Key,
                new Phrase("{0}: medium — {1}, and {2}.", industry, smeReason, AtLeast(MediumMin.Compare(measures))));
        }
        if (SmallMin.Compare(measures).All(c => c.Value >= c.Threshold))
        {
            var missed = MediumMin.Compare(measures).Where(c => c.Value < c.Threshold);
            return new SizeClassification(SizeClass.Small, Key,
                new Phrase("{0}: small — {1}; not medium because {2}; {3}.", industry, smeReason, Below(missed), AtLeast(SmallMin.Compare(measures))));
        }
        var missedSmall = SmallMin.Compare(measures).Where(c => c.Value < c.Threshold);
        return new SizeClassification(SizeClass.Micro, Key,
            new Phrase("{0}: micro — {1}; not small because {2}.", industry, smeReason, Below(missedSmall)));
    }

    /// <summary>The industry's name in a sentence: its English name, translated to its Chinese one.</summary>
    public Phrase Name => Phrase.Of(NameEn);

    private static Phrase Below(IEnumerable<MeasureComparison> comparisons) => Joined(comparisons.Select(c => c.Measure switch
    {
        Measure.Employees => new Phrase("employees {0} < {1}", c.Format(c.Value), c.Format(c.Threshold)),
        Measure.Revenue => new Phrase("revenue {0} < {1}", c.Format(c.Value), c.Format(c.Threshold)),
        _ => new Phrase("total assets {0} < {1}", c.Format(c.Value), c.Format(c.Threshold)),
    }));

    private static Phrase AtLeast(IEnumerable<MeasureComparison> comparisons) => Joined(comparisons.Select(c => c.Measure switch
    {
        Measure.Employees => new Phrase("employees {0} ≥ {1}", c.Format(c.Value), c.Format(c.Threshold)),
        Measure.Revenue => new Phrase("revenue {0} ≥ {1}", c.Format(c.Value), c.Format(c.Threshold)),
        _ => new Phrase("total assets {0} ≥ {1}", c.Format(c.Value), c.Format(c.Threshold)),
    }));

    /// <summary>Comparisons one after the other: <c>a and b and c</c>.</summary>
    private static Phrase Joined(IEnumerable<Phrase> parts) =>
        parts.Aggregate((Phrase?)null, (joined, part) => joined is null ? part : new Phrase("{0}, and {1}", joined, part))
        ?? new Phrase("{0}", "");
}

/// <summary>A set of thresholds over the three measures; null means "not used".</summary>
public sealed record Thresholds(int? Employees, decimal? RevenueYuan, decimal? AssetsYuan)
{
    public bool IsEmpty => Employees is null && RevenueYuan is null && AssetsYuan is null;

    internal IEnumerable<MeasureComparison> Compare(SizeMeasures measures)
    {
        if (Employees is { } employees)
        {
            yield return new MeasureComparison(Measure.Employees, measures.Employees, employees, IsMoney: false);
        }
        if (RevenueYuan is { } revenue)
        {
            yield return new MeasureComparison(Measure.Revenue, measures.RevenueYuan, revenue, IsMoney: true);
        }
        if (AssetsYuan is { } assets)
        {
            yield return new MeasureComparison(Measure.Assets, measures.AssetsYuan, assets, IsMoney: true);
        }
    }
}

internal enum Measure
{
    Employees,
    Revenue,
    Assets,
}

internal sealed record MeasureComparison(Measure Measure, decimal Value, decimal Threshold, bool IsMoney)
{
    // Exact to the fen, so a value just below a threshold never reads as equal to it.
    public string Format(decimal amount) => IsMoney
        ? $"{amount / Money.YuanPerWan:0.######} 万元"
        : amount.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The derived size class with the industry it was judged under and a sentence explaining why.</summary>
public sealed record SizeClassification(SizeClass SizeClass, string IndustryKey, Phrase Reason);
