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

/// <summary>
/// The result of checking one requirement against one supplier, with why: a <see cref="Phrase"/> that each reader gets
/// in their own language (its template is the reason's code).
/// </summary>
public sealed record RequirementCheck(RequirementKind Kind, RequirementOutcome Outcome, Phrase Reason)
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
            throw new DomainException(new Phrase("A past-project requirement looks back between 1 and {0} years.", MaxYears), "requirements.withinYears");
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
        if (Kind != RequirementKind.Statement)
        {
            return this;
        }
        return text.Length == 0
            ? new(Kind, MinValueYuan, WithinYears, CertificationName, Statement)
            : new(Kind, MinValueYuan, WithinYears, CertificationName, Statement)
            {
                Justification = text,
                JustifiedBy = Guard.Text(by, "by", 256),
                JustifiedAtUtc = atUtc,
            };
    }

    /// <summary>The requirement as bidders read it; a statement is the officer's own text, shown as written.</summary>
    public Phrase Describe() => Kind switch
    {
        RequirementKind.PastProject => WithinYears == 1
            ? new Phrase("One past project of at least {0} completed within the last year", new Yuan(MinValueYuan!.Value))
            : new Phrase("One past project of at least {0} completed within the last {1} years", new Yuan(MinValueYuan!.Value), WithinYears!.Value),
        RequirementKind.Certification => CertificationRequirement.Describe(RequiredCertification!),
        RequirementKind.Statement => new Phrase("{0}", Statement!),
        _ => Phrase.Of("Micro, small or medium enterprise (SME-reserved lot)"),
    };

    public RequirementCheck Check(Supplier supplier, DateOnly today) => Kind switch
    {
        RequirementKind.PastProject => CheckPastProject(supplier, today),
        RequirementKind.Certification => CheckCertification(supplier, today),
        RequirementKind.Statement => new(Kind, RequirementOutcome.Met,
            new Phrase("Declared by bidding: \"{0}\". The evaluators check the evidence in your proposal.", Statement!)),
        _ => CheckSme(supplier),
    };

    private RequirementCheck CheckPastProject(Supplier supplier, DateOnly today)
    {
        var min = MinValueYuan!.Value;
        var since = today.AddYears(-WithinYears!.Value);
        if (supplier.PastProjects.Count == 0)
        {
            return new(Kind, RequirementOutcome.EvidenceMissing,
                new Phrase("The profile lists no past projects; add a project of at least {0} completed since {1}.", new Yuan(min), since));
        }
        var qualifying = supplier.PastProjects
            .Where(p => p.ValueYuan >= min && p.CompletedOn >= since)
            .MaxBy(p => p.ValueYuan);
        if (qualifying is not null)
        {
            return new(Kind, RequirementOutcome.Met, WithinYears == 1
                ? new Phrase("'{0}' ({1}, completed {2}) is at least {3} and within the last year.",
                    qualifying.Title, new Yuan(qualifying.ValueYuan), qualifying.CompletedOn, new Yuan(min))
                : new Phrase("'{0}' ({1}, completed {2}) is at least {3} and within the last {4} years.",
                    qualifying.Title, new Yuan(qualifying.ValueYuan), qualifying.CompletedOn, new Yuan(min), WithinYears.Value));
        }
        var largeButOld = supplier.PastProjects.Where(p => p.ValueYuan >= min).MaxBy(p => p.CompletedOn);
        return largeButOld is not null
            ? new(Kind, RequirementOutcome.NotMet,
                new Phrase("'{0}' is large enough but was completed on {1}, before {2}.", largeButOld.Title, largeButOld.CompletedOn, since))
            : new(Kind, RequirementOutcome.NotMet,
                new Phrase("No past project reaches {0}; the largest is {1}.", new Yuan(min), new Yuan(supplier.PastProjects.Max(p => p.ValueYuan))));
    }

    private RequirementCheck CheckCertification(Supplier supplier, DateOnly today)
    {
        var (outcome, reason) = CertificationRequirement.Check(RequiredCertification!, supplier, today);
        return new(Kind, outcome, reason);
    }

    private RequirementCheck CheckSme(Supplier supplier) => supplier.SizeClass.IsSme()
        ? new(Kind, RequirementOutcome.Met, new Phrase("The enterprise is {0}, so it may bid for an SME-reserved lot.", SizeAdjective(supplier.SizeClass)))
        : new(Kind, RequirementOutcome.NotMet, Phrase.Of("This lot is reserved for micro, small and medium enterprises; large enterprises cannot bid."));

    /// <summary>An SME's size as a sentence says it: <c>small-sized</c>, 小型.</summary>
    private static Phrase SizeAdjective(SizeClass size) => size switch
    {
        SizeClass.Micro => Phrase.Of("micro-sized"),
        SizeClass.Small => Phrase.Of("small-sized"),
        _ => Phrase.Of("medium-sized"),
    };

    internal static string FormatYuan(decimal yuan) => Phrase.FormatYuan(yuan);
}
