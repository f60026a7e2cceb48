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
    public string? CertificationName { get; private set; }

    /// <summary>The condition's text, for <see cref="RequirementKind.Statement"/>.</summary>
    public string? Statement { get; private set; }

    public static QualificationRequirement PastProject(decimal minValueYuan, int withinYears)
    {
        Guard.Money(minValueYuan, "requirements.minValueYuan", allowZero: false);
        if (withinYears is < 1 or > MaxYears)
        {
            throw new DomainException(new Phrase("A past-project requirement looks back between 1 and {0} years.", MaxYears), "requirements.withinYears");
        }
        return new(RequirementKind.PastProject, minValueYuan, withinYears, null);
    }

    public static QualificationRequirement Certification(string name) =>
        new(RequirementKind.Certification, null, null, Guard.Text(name, "requirements.name", Suppliers.Certification.NameMaxLength));

    public static QualificationRequirement SmeOnly() => new(RequirementKind.SmeOnly, null, null, null);

    public static QualificationRequirement Other(string statement) =>
        new(RequirementKind.Statement, null, null, null, Guard.Text(statement, "requirements.text", StatementMaxLength));

    /// <summary>The requirement as bidders read it; a statement is the officer's own text, shown as written.</summary>
    public Phrase Describe() => Kind switch
    {
        RequirementKind.PastProject => WithinYears == 1
            ? new Phrase("One past project of at least {0} completed within the last year", new Yuan(MinValueYuan!.Value))
            : new Phrase("One past project of at least {0} completed within the last {1} years", new Yuan(MinValueYuan!.Value), WithinYears!.Value),
        RequirementKind.Certification => new Phrase("Valid certification: {0}", CertificationName!),
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
        var held = supplier.Certifications.FirstOrDefault(c => c.Matches(CertificationName!));
        if (held is null)
        {
            return new(Kind, RequirementOutcome.EvidenceMissing,
                new Phrase("{0} is not in the profile; add it with its validity date.", CertificationName!));
        }
        return held.IsValidOn(today)
            ? new(Kind, RequirementOutcome.Met, new Phrase("{0} is valid until {1}.", held.Name, held.ValidUntil))
            : new(Kind, RequirementOutcome.NotMet, new Phrase("{0} expired on {1}.", held.Name, held.ValidUntil));
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
