namespace Portal.Domain.Tenders;

/// <summary>
/// Warns an officer about lot terms that disadvantage SMEs. 财库〔2020〕46号 Article 5: buyers must not use size or
/// financial measures (registered capital, assets, revenue, staff, profit, tax) as qualification requirements or scoring
/// factors, nor set requirements that discriminate against SMEs. The portal cannot judge intent, so it warns and
/// leaves the decision (and the responsibility) to the officer.
/// </summary>
public static class SmeFairnessReview
{
    /// <summary>Words naming a size or financial measure, in Chinese and English, with the measure each names.</summary>
    private static readonly (string Word, string Measure)[] SizeMeasureWords =
    [
        ("注册资本", "registered capital"), ("注册资金", "registered capital"), ("registered capital", "registered capital"),
        ("资产总额", "total assets"), ("总资产", "total assets"), ("净资产", "net assets"), ("total assets", "total assets"), ("net assets", "net assets"),
        ("营业收入", "revenue"), ("营业额", "revenue"), ("销售收入", "revenue"), ("销售额", "revenue"), ("年收入", "revenue"),
        ("revenue", "revenue"), ("turnover", "revenue"), ("annual sales", "revenue"),
        ("利润", "profit"), ("profit", "profit"),
        ("纳税额", "tax paid"), ("纳税总额", "tax paid"), ("缴税", "tax paid"), ("tax paid", "tax paid"), ("taxes paid", "tax paid"),
        ("从业人员", "staff count"), ("员工人数", "staff count"), ("职工人数", "staff count"), ("员工总数", "staff count"),
        ("人员规模", "staff count"), ("企业规模", "company size"),
        ("employees", "staff count"), ("headcount", "staff count"), ("number of staff", "staff count"), ("staff count", "staff count"),
        ("company size", "company size"),
    ];

    /// <summary>The warnings for one lot as entered (1-based <paramref name="lotNumber"/> for the messages).</summary>
    public static IReadOnlyList<FairnessWarning> Review(int lotNumber, LotDraft lot) =>
        Review(lotNumber, lot.ValueYuan, lot.Description, lot.Requirements, lot.Criteria.Select(c => c.Name));

    /// <summary>
    /// The warnings for one lot from its parts, so a form can be reviewed while some of its fields are still invalid.
    /// </summary>
    public static IReadOnlyList<FairnessWarning> Review(
        int lotNumber, decimal valueYuan, string? description, IEnumerable<QualificationRequirement?> requirements, IEnumerable<string?> criterionNames)
    {
        var warnings = new List<FairnessWarning>();
        var where = $"lots[{lotNumber - 1}]";
        foreach (var (requirement, index) in requirements.Select((r, i) => (r, i)))
        {
            var field = $"{where}.requirements[{index}]";
            if (requirement is { Kind: RequirementKind.PastProject } && valueYuan > 0 && requirement.MinValueYuan > valueYuan)
            {
                warnings.Add(new(field,
                    $"Lot {lotNumber}: the past-project bar ({QualificationRequirement.FormatYuan(requirement.MinValueYuan!.Value)}) is larger than the lot itself " +
                    $"({QualificationRequirement.FormatYuan(valueYuan)}). A bar out of proportion to the work shuts SMEs out (财库〔2020〕46号 Art. 5)."));
            }
            if (requirement is { Kind: RequirementKind.Statement } && SizeMeasureIn(requirement.Statement) is { } measure)
            {
                warnings.Add(new(field,
                    $"Lot {lotNumber}: the requirement \"{requirement.Statement}\" sets a {measure} bar. Size and financial measures may not be qualification requirements (财库〔2020〕46号 Art. 5)."));
            }
        }
        foreach (var (name, index) in criterionNames.Select((c, i) => (c, i)))
        {
            if (SizeMeasureIn(name) is { } measure)
            {
                warnings.Add(new($"{where}.criteria[{index}]",
                    $"Lot {lotNumber}: the criterion \"{name}\" scores {measure}. Size and financial measures may not be scoring factors (财库〔2020〕46号 Art. 5)."));
            }
        }
        if (SizeMeasureIn(description) is { } inDescription)
        {
            warnings.Add(new($"{where}.description",
                $"Lot {lotNumber}: the description mentions {inDescription}. If it is a condition for bidding or scoring, remove it: size and financial measures may not be used (财库〔2020〕46号 Art. 5)."));
        }
        return warnings;
    }

    /// <summary>The warnings for every lot of a tender.</summary>
    public static IReadOnlyList<FairnessWarning> Review(Tender tender) =>
        tender.Lots.SelectMany(l => Review(l.Number,
            new LotDraft(l.Title, l.Description, l.ValueYuan, l.ReservedForSmes, l.Requirements, l.Criteria))).ToList();

    private static string? SizeMeasureIn(string? text) => string.IsNullOrEmpty(text)
        ? null
        : SizeMeasureWords.FirstOrDefault(w => text.Contains(w.Word, StringComparison.OrdinalIgnoreCase)).Measure;
}

/// <summary>A term of a lot that may disadvantage SMEs: the input it concerns (e.g. <c>lots[0].requirements[1]</c>) and why.</summary>
public sealed record FairnessWarning(string Field, string Message);
