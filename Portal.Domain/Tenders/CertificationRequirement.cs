using Portal.Domain.Suppliers;

namespace Portal.Domain.Tenders;

/// <summary>
/// What a certification requirement says and how it is checked: by kind, through the catalogue. A supplier meets it
/// with a valid certificate of the kind required or of a higher grade of the same scale (CMMI 5 for CMMI 3, 等保四级 for
/// 等保三级); an "other" requirement is met by an "other" certification of the same text (decision 0023).
/// </summary>
public static class CertificationRequirement
{
    public static Phrase Describe(CertificationChoice required) => new("Valid certification: {0}", required.NameArgument);

    public static (RequirementOutcome Outcome, Phrase Reason) Check(CertificationChoice required, Supplier supplier, DateOnly today)
    {
        var holding = supplier.Certifications.Where(c => c.Satisfies(required)).ToList();
        if (holding.Count == 0)
        {
            return (RequirementOutcome.EvidenceMissing,
                new Phrase("{0} is not in the profile; add it with its validity date.", required.NameArgument));
        }
        // The certificate of the very kind required before a higher grade; the one valid longest among equals.
        var valid = holding.Where(c => c.IsValidOn(today))
            .OrderByDescending(c => c.KindKey == required.KindKey)
            .ThenByDescending(c => c.ValidUntil)
            .FirstOrDefault();
        if (valid is null)
        {
            var latest = holding.MaxBy(c => c.ValidUntil)!;
            return (RequirementOutcome.NotMet, new Phrase("{0} expired on {1}.", latest.NameArgument, latest.ValidUntil));
        }
        return valid.KindKey == required.KindKey
            ? (RequirementOutcome.Met, new Phrase("{0} is valid until {1}.", valid.NameArgument, valid.ValidUntil))
            : (RequirementOutcome.Met, new Phrase("{0} is valid until {1} and is a higher grade than the {2} required.",
                valid.NameArgument, valid.ValidUntil, required.NameArgument));
    }
}
