namespace Portal.Domain.Tenders;

/// <summary>Whether a supplier may bid for a lot: one check per requirement, eligible only when all are met.</summary>
public sealed record EligibilityResult(IReadOnlyList<RequirementCheck> Checks)
{
    public bool Eligible => Checks.All(c => c.Met);
}
