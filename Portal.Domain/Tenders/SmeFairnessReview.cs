using System.Text.RegularExpressions;

namespace Portal.Domain.Tenders;

/// <summary>
/// Lot terms that disadvantage SMEs. 财库〔2020〕46号 Article 5: buyers must not use size or financial measures (registered
/// capital, assets, revenue, staff, profit, tax) as qualification requirements or scoring factors, nor set requirements
/// that discriminate against SMEs.
/// <para>
/// A free-text requirement that sets such a bar (a measure and a threshold in the same clause: "注册资本不少于5000万元")
/// is enforced: it cannot be published on a lot reserved for SMEs at all, and on any other lot only with the officer's
/// written justification (<see cref="QualificationRequirement.Justification"/>). What the portal cannot judge (a
/// measure named without a threshold, a criterion scoring size, a description mentioning it) stays a warning.
/// </para>
/// </summary>
public static partial class SmeFairnessReview
{
    /// <summary>The article, as every message names it (the translation says 第五条).</summary>
    public static readonly Phrase Article = Phrase.Of("财库〔2020〕46号 Art. 5");

    private static readonly Phrase RegisteredCapital = Phrase.Of("registered capital");
    private static readonly Phrase TotalAssets = Phrase.Of("total assets");
    private static readonly Phrase NetAssets = Phrase.Of("net assets");
    private static readonly Phrase Revenue = Phrase.Of("revenue");
    private static readonly Phrase Profit = Phrase.Of("profit");
    private static readonly Phrase TaxPaid = Phrase.Of("tax paid");
    private static readonly Phrase StaffCount = Phrase.Of("staff count");
    private static readonly Phrase CompanySize = Phrase.Of("company size");

    /// <summary>
    /// The words naming a size or financial measure, with the measure each names. English words match whole words only,
    /// so "non-profit" and "profitable" are not profit; 营业执照 (a business licence) contains none of them.
    /// </summary>
    private static readonly (Regex Pattern, Phrase Measure)[] Measures =
    [
        (Words("注册资本", "注册资金", "registered capital", "paid-in capital"), RegisteredCapital),
        (Words("资产总额", "总资产", "资产规模", "total assets"), TotalAssets),
        (Words("净资产", "net assets", "net worth"), NetAssets),
        (Words("营业收入", "营业额", "销售收入", "销售额", "年收入", "主营业务收入", "营收", "revenue", "revenues", "turnover", "annual sales"), Revenue),
        (Words("净利润", "利润总额", "利润", "profit", "profits"), Profit),
        (Words("纳税额", "纳税总额", "缴税额", "纳税", "tax paid", "taxes paid"), TaxPaid),
        (Words("从业人员", "员工人数", "员工总数", "职工人数", "职工总数", "在职员工", "在册员工", "人员规模", "员工", "职工",
            @"employees(?!\s+(holding|with|certified|qualified))", "employee count", "headcount", "number of staff", "staff count", "workforce"), StaffCount),
        (Words("企业规模", "公司规模", "经营规模", "company size", "size of the company"), CompanySize),
    ];

    /// <summary>
    /// A threshold: a comparison (不少于, 以上, at least…) or an amount of money or people (5000万元, 200人, 50 million).
    /// "近三年" and "2025年度" are not thresholds, so "提供近三年利润表" asks for a document and sets no bar.
    /// </summary>
    [GeneratedRegex(
        @"不少于|不低于|不小于|不得低于|不得少于|不应低于|不应少于|不得小于|多于|大于|高于|超过|以上|达到|至少|≥|>=|＞|>|" +
        @"\bat least\b|\bminimum\b|\bno less than\b|\bnot less than\b|\bmore than\b|\bover\b|\bexceeding\b|\bexceeds?\b|\babove\b|" +
        @"\d[\d,.]*\s*(万元|亿元|万|亿|元|人|名|million|billion|yuan|rmb|cny|employees|people|persons|staff)|" +
        @"[一二三四五六七八九十百千两]+\s*(万元|亿元|万|亿|元|人|名)|" +
        @"\b(rmb|cny|yuan)\s*\d",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Threshold();

    /// <summary>Where one condition ends and the next begins: "注册资本…，营业收入…；员工…".</summary>
    [GeneratedRegex(@"[，。；;！!？?\n]|,\s|\.\s", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    /// <summary>
    /// One measure's words as a pattern: an English word matches only as a whole word and not after a hyphen
    /// (so "non-profit" and "profitable" are not profit); Chinese words match anywhere.
    /// </summary>
    private static Regex Words(params string[] words) => new(
        string.Join("|", words.Select(w => char.IsAsciiLetter(w[0]) ? $"(?<![A-Za-z-]){w}(?![A-Za-z])" : w)),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// The size or financial measures a requirement's text sets a bar on, in the order they first appear, each once:
    /// "注册资本不少于5000万元，近三年年均营业收入不低于1亿元，员工人数不少于200人" → registered capital, revenue, staff count.
    /// Empty for "提供营业执照", "提供近三年经审计的财务报告（含利润表）" or "项目团队不少于5人".
    /// </summary>
    public static IReadOnlyList<Phrase> SizeBarsIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var found = new List<Phrase>();
        foreach (var clause in ClauseBreak().Split(text))
        {
            if (!Threshold().IsMatch(clause))
            {
                continue;
            }
            foreach (var measure in MeasuresIn(clause).Where(m => !found.Contains(m)))
            {
                found.Add(measure);
            }
        }
        return found;
    }

    /// <summary>Whether this requirement sets a size or financial bar (a <see cref="RequirementKind.Statement"/> only).</summary>
    public static bool SetsSizeBar(QualificationRequirement requirement) =>
        requirement.Kind == RequirementKind.Statement && SizeBarsIn(requirement.Statement).Count > 0;

    /// <summary>
    /// Refuses to publish a lot whose requirements set size or financial bars: never on a lot reserved for SMEs (the
    /// field is the requirement's <c>text</c>), and on any other lot not without a justification (its
    /// <c>justification</c>). <paramref name="lotNumber"/> is 1-based; fields index the requirements as entered
    /// (without the SME-only requirement a reserved lot carries).
    /// </summary>
    public static void EnsurePublishable(int lotNumber, bool reservedForSmes, IEnumerable<QualificationRequirement> requirements)
    {
        foreach (var (requirement, index) in Entered(requirements))
        {
            var bars = SizeBarsIn(requirement.Kind == RequirementKind.Statement ? requirement.Statement : null);
            if (bars.Count == 0)
            {
                continue;
            }
            var field = $"lots[{lotNumber - 1}].requirements[{index}]";
            if (reservedForSmes)
            {
                throw new DomainException(new Phrase(
                    "Lot {0} is reserved for SMEs: the requirement \"{1}\" sets a {2} bar, which an SME-reserved lot may not have ({3}). Remove it or replace it with a condition on the work itself.",
                    lotNumber, requirement.Statement, Join(bars), Article), $"{field}.text");
            }
            if (string.IsNullOrWhiteSpace(requirement.Justification))
            {
                throw new DomainException(new Phrase(
                    "Lot {0}: the requirement \"{1}\" sets a {2} bar. Size and financial measures may not be qualification requirements ({3}): remove it, or write why this lot needs it before publishing.",
                    lotNumber, requirement.Statement, Join(bars), Article), $"{field}.justification");
            }
        }
    }

    /// <summary>Every lot of a tender about to be published (see the other overload).</summary>
    public static void EnsurePublishable(Tender tender)
    {
        foreach (var lot in tender.Lots.OrderBy(l => l.Number))
        {
            EnsurePublishable(lot.Number, lot.ReservedForSmes, lot.Requirements);
        }
    }

    /// <summary>The warnings for one lot as entered (1-based <paramref name="lotNumber"/> for the messages).</summary>
    public static IReadOnlyList<FairnessWarning> Review(int lotNumber, LotDraft lot) =>
        Review(lotNumber, lot.ValueYuan, lot.Description, lot.Requirements, lot.Criteria.Select(c => c.Name), lot.ReservedForSmes);

    /// <summary>
    /// The warnings for one lot from its parts, so a form can be reviewed while some of its fields are still invalid.
    /// Requirements are indexed as entered: the SME-only requirement a reserved lot carries takes no index, a row still
    /// invalid (null) keeps its place, so a field names the form's row.
    /// </summary>
    public static IReadOnlyList<FairnessWarning> Review(
        int lotNumber, decimal valueYuan, string? description, IEnumerable<QualificationRequirement?> requirements,
        IEnumerable<string?> criterionNames, bool reservedForSmes = false)
    {
        var warnings = new List<FairnessWarning>();
        var where = $"lots[{lotNumber - 1}]";
        foreach (var (requirement, index) in requirements.Where(r => r is not { Kind: RequirementKind.SmeOnly }).Select((r, i) => (r, i)))
        {
            var field = $"{where}.requirements[{index}]";
            if (requirement is { Kind: RequirementKind.PastProject } && valueYuan > 0 && requirement.MinValueYuan > valueYuan)
            {
                warnings.Add(new(field, new Phrase(
                    "Lot {0}: the past-project bar ({1}) is larger than the lot itself ({2}). A bar out of proportion to the work shuts SMEs out ({3}).",
                    lotNumber, new Yuan(requirement.MinValueYuan!.Value), new Yuan(valueYuan), Article)));
            }
            if (requirement is { Kind: RequirementKind.Statement } && SizeBarsIn(requirement.Statement) is { Count: > 0 } bars)
            {
                warnings.Add(new(field, reservedForSmes
                    ? new Phrase(
                        "Lot {0}: the requirement \"{1}\" sets a {2} bar. Size and financial measures may not be qualification requirements ({3}), and a lot reserved for SMEs cannot be published with it.",
                        lotNumber, requirement.Statement, Join(bars), Article)
                    : string.IsNullOrWhiteSpace(requirement.Justification)
                        ? new Phrase(
                            "Lot {0}: the requirement \"{1}\" sets a {2} bar. Size and financial measures may not be qualification requirements ({3}): the lot is published with it only with a written justification.",
                            lotNumber, requirement.Statement, Join(bars), Article)
                        : new Phrase(
                            "Lot {0}: the requirement \"{1}\" sets a {2} bar, although size and financial measures may not be qualification requirements ({3}); it is kept on the justification recorded with it.",
                            lotNumber, requirement.Statement, Join(bars), Article),
                    NeedsJustification: !reservedForSmes && string.IsNullOrWhiteSpace(requirement.Justification)));
            }
        }
        foreach (var (name, index) in criterionNames.Select((c, i) => (c, i)))
        {
            if (MeasuresIn(name).FirstOrDefault() is { } measure)
            {
                warnings.Add(new($"{where}.criteria[{index}]", new Phrase(
                    "Lot {0}: the criterion \"{1}\" scores {2}. Size and financial measures may not be scoring factors ({3}).",
                    lotNumber, name, measure, Article)));
            }
        }
        if (MeasuresIn(description).FirstOrDefault() is { } inDescription)
        {
            warnings.Add(new($"{where}.description", new Phrase(
                "Lot {0}: the description mentions {1}. If it is a condition for bidding or scoring, remove it: size and financial measures may not be used ({2}).",
                lotNumber, inDescription, Article)));
        }
        return warnings;
    }

    /// <summary>The warnings for every lot of a tender.</summary>
    public static IReadOnlyList<FairnessWarning> Review(Tender tender) =>
        tender.Lots.OrderBy(l => l.Number).SelectMany(l => Review(l.Number,
            new LotDraft(l.Title, l.Description, l.ValueYuan, l.ReservedForSmes, l.Requirements, l.Criteria))).ToList();

    /// <summary>The requirements as the officer entered them, with their index: the SME-only one a reserved lot carries has none.</summary>
    private static IEnumerable<(QualificationRequirement Requirement, int Index)> Entered(IEnumerable<QualificationRequirement> requirements) =>
        requirements.Where(r => r.Kind != RequirementKind.SmeOnly).Select((r, i) => (r, i));

    private static IEnumerable<Phrase> MeasuresIn(string? text) => string.IsNullOrEmpty(text)
        ? []
        : Measures.Select(m => (m.Measure, Match: m.Pattern.Match(text)))
            .Where(m => m.Match.Success)
            .OrderBy(m => m.Match.Index)
            .Select(m => m.Measure)
            .Distinct();

    /// <summary>"registered capital, revenue and staff count" (translated part by part).</summary>
    private static Phrase Join(IReadOnlyList<Phrase> measures) => measures.Count switch
    {
        1 => measures[0],
        2 => new Phrase("{0} and {1}", measures[0], measures[1]),
        _ => new Phrase("{0}, {1}", measures[0], Join(measures.Skip(1).ToList())),
    };
}

/// <summary>
/// A term of a lot that may disadvantage SMEs: the input it concerns (e.g. <c>lots[0].requirements[1]</c>) and why;
/// <see cref="NeedsJustification"/> when the lot is published with it only with the officer's written justification.
/// </summary>
public sealed record FairnessWarning(string Field, Phrase Message, bool NeedsJustification = false);
