using System.Globalization;
using Portal.Domain.Suppliers;

namespace Portal.Domain.Tenders;

public enum RequirementKind
{
    /// <summary>At least one past project of at least a value, completed within the last N years.</summary>
    PastProject,

    /// <summary>A named certification held and valid on the day of the check.</summary>
    Certification,

    /// <summary>The supplier must be a micro, small or medium enterprise (SME-reserved lots, 专项标段).</summary>
    SmeOnly,

    /// <summary>
    /// Any other condition in the officer's words (a licence, a service commitment). The portal cannot check it from a
    /// profile: the bidder declares it by bidding and the evaluators check the evidence.
    /// </summary>
    Statement,
}

public enum RequirementOutcome
{
    Met,
    NotMet,
    EvidenceMissing,
}

/// <summary>The result of checking one requirement against one supplier, with a sentence saying why.</summary>
public sealed record RequirementCheck(RequirementKind Kind, RequirementOutcome Outcome, string Reason)
{
    public bool Met => Outcome == RequirementOutcome.Met;
}

/// <summary>A qualification bar a supplier must clear to bid for a lot.</summary>
public sealed class QualificationRequirement
{
    public const int MaxYears = 10;
    public const int StatementMaxLength = 500;

    private QualificationRequirement(RequirementKind kind, decimal? minValueYuan, int? withinYears, string? certificationName, string? statement = null)
    {
        Kind = kind;
        MinValueYuan = minValueYuan;
        WithinYears = withinYears;
        CertificationName = certificationName;
        Statement = statement;
    }

    public RequirementKind Kind { get; private set; }
    public decimal? MinValueYuan { get; private set; }
    public int? WithinYears { get; private set; }
    /// <summary>The text of an "other" certification requirement; null for a kind of the catalogue.</summary>
    public string? CertificationName { get; private set; }

    /// <summary>The required certification's kind (<see cref="CertificationKind.Key"/>, or <c>other</c>).</summary>
    public string? CertificationKey { get; private set; }

    /// <summary>The certification required, by kind (a stored requirement from before the catalogue resolves its name).</summary>
    public CertificationChoice? RequiredCertification => Kind != RequirementKind.Certification
        ? null
        : CertificationKey is null ? CertificationChoice.From(null, CertificationName, "requirements") : new(CertificationKey, CertificationName);

    /// <summary>The condition's text, for <see cref="RequirementKind.Statement"/>.</summary>
    public string? Statement { get; private set; }

    public const int JustificationMaxLength = 2000;

    /// <summary>
    /// Why a lot not reserved for SMEs needs this size or financial bar (财库〔2020〕46号 Art. 5, see
    /// <see cref="SmeFairnessReview"/>): without it such a lot is not published. Null for other requirements.
    /// </summary>
    public string? Justification { get; private set; }

    /// <summary>Who wrote the <see cref="Justification"/> (the user's email) and when.</summary>
    public string? JustifiedBy { get; private set; }

    public DateTime? JustifiedAtUtc { get; private set; }

    public static QualificationRequirement PastProject(decimal minValueYuan, int withinYears)
    {
        Guard.Money(minValueYuan, "requirements.minValueYuan", allowZero: false);
        if (withinYears is < 1 or > MaxYears)
        {
            throw new DomainException($"A past-project requirement looks back between 1 and {MaxYears} years.", "requirements.withinYears");
        }
        return new(RequirementKind.PastProject, minValueYuan, withinYears, null);
    }

    /// <summary>A certification by name, resolved through the catalogue's aliases ("other" when it names no kind).</summary>
    public static QualificationRequirement Certification(string name) => Certification(null, name);

    /// <summary>A certification by its kind's key, or by name (see <see cref="CertificationChoice.From"/>).</summary>
    public static QualificationRequirement Certification(string? key, string? name)
    {
        var choice = CertificationChoice.From(key, name, "requirements");
        return new(RequirementKind.Certification, null, null, choice.OtherName) { CertificationKey = choice.KindKey };
    }

    public static QualificationRequirement SmeOnly() => new(RequirementKind.SmeOnly, null, null, null);

    public static QualificationRequirement Other(string statement) =>
        new(RequirementKind.Statement, null, null, null, Guard.Text(statement, "requirements.text", StatementMaxLength));

    /// <summary>
    /// This statement with the officer's justification for its size or financial bar, recorded as theirs at
    /// <paramref name="atUtc"/>; a blank justification removes it. Only a <see cref="RequirementKind.Statement"/> has one.
    /// </summary>
    public QualificationRequirement Justified(string? justification, string by, DateTime atUtc)
    {
        var text = Guard.Text(justification, "requirements.justification", JustificationMaxLength, required: false);
        if (text.Length > 0 && Kind != RequirementKind.Statement)
        {
            throw new DomainException("Only a condition in words (a statement requirement) takes a justification.", "requirements.justification");
        }
        Guard.Utc(atUtc, "now");
        return text.Length == 0
            ? new(Kind, MinValueYuan, WithinYears, CertificationName, Statement)
            : new(Kind, MinValueYuan, WithinYears, CertificationName, Statement)
            {
                Justification = text,
                JustifiedBy = Guard.Text(by, "by", 256),
                JustifiedAtUtc = atUtc,
            };
    }

    public string Describe() => Kind switch
    {
        RequirementKind.PastProject => $"One past project of at least {FormatYuan(MinValueYuan!.Value)} completed within the last {Years(WithinYears!.Value)}",
        RequirementKind.Certification => CertificationRequirement.Describe(RequiredCertification!).ToString(),
        RequirementKind.Statement => Statement!,
        _ => "Micro, small or medium enterprise (SME-reserved lot)",
    };

    public RequirementCheck Check(Supplier supplier, DateOnly today) => Kind switch
    {
        RequirementKind.PastProject => CheckPastProject(supplier, today),
        RequirementKind.Certification => CheckCertification(supplier, today),
        RequirementKind.Statement => new(Kind, RequirementOutcome.Met,
            $"Declared by bidding: \"{Statement}\". The evaluators check the evidence in your proposal."),
        _ => CheckSme(supplier),
    };

    private RequirementCheck CheckPastProject(Supplier supplier, DateOnly today)
    {
        var min = MinValueYuan!.Value;
        var since = today.AddYears(-WithinYears!.Value);
        if (supplier.PastProjects.Count == 0)
        {
            return new(Kind, RequirementOutcome.EvidenceMissing,
                $"The profile lists no past projects; add a project of at least {FormatYuan(min)} completed since {since:yyyy-MM-dd}.");
        }
        var qualifying = supplier.PastProjects
            .Where(p => p.ValueYuan >= min && p.CompletedOn >= since)
            .MaxBy(p => p.ValueYuan);
        if (qualifying is not null)
        {
            return new(Kind, RequirementOutcome.Met,
                $"'{qualifying.Title}' ({FormatYuan(qualifying.ValueYuan)}, completed {qualifying.CompletedOn:yyyy-MM-dd}) is at least {FormatYuan(min)} and within the last {Years(WithinYears.Value)}.");
        }
        var largeButOld = supplier.PastProjects.Where(p => p.ValueYuan >= min).MaxBy(p => p.CompletedOn);
        return largeButOld is not null
            ? new(Kind, RequirementOutcome.NotMet,
                $"'{largeButOld.Title}' is large enough but was completed on {largeButOld.CompletedOn:yyyy-MM-dd}, before {since:yyyy-MM-dd}.")
            : new(Kind, RequirementOutcome.NotMet,
                $"No past project reaches {FormatYuan(min)}; the largest is {FormatYuan(supplier.PastProjects.Max(p => p.ValueYuan))}.");
    }

    private RequirementCheck CheckCertification(Supplier supplier, DateOnly today)
    {
        var (outcome, reason) = CertificationRequirement.Check(RequiredCertification!, supplier, today);
        return new(Kind, outcome, reason.ToString());
    }

    private RequirementCheck CheckSme(Supplier supplier) => supplier.SizeClass.IsSme()
        ? new(Kind, RequirementOutcome.Met, $"The enterprise is {supplier.SizeClass.ToKey()}-sized, so it may bid for an SME-reserved lot.")
        : new(Kind, RequirementOutcome.NotMet, "This lot is reserved for micro, small and medium enterprises; large enterprises cannot bid.");

    internal static string FormatYuan(decimal yuan) => yuan >= Money.YuanPerWan
        ? $"{(yuan / Money.YuanPerWan).ToString("#,0.##", CultureInfo.InvariantCulture)} 万元"
        : $"{yuan.ToString("#,0.##", CultureInfo.InvariantCulture)} 元";

    private static string Years(int years) => years == 1 ? "year" : $"{years} years";
}
