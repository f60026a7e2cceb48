using Portal.Domain;
using Portal.Domain.Tenders;

namespace Portal.Features.Tenders;

/// <summary>A lot as the API and the seed files write it.</summary>
public sealed record LotInput(
    string Title,
    string Description,
    decimal ValueYuan,
    bool ReservedForSmes,
    List<RequirementInput>? Requirements,
    List<CriterionInput>? Criteria)
{
    /// <summary>The lot as the domain checks it, without justifications (for a review of what was sent).</summary>
    public LotDraft ToDraft() => ToDraft(null);

    /// <summary>
    /// The lot as saved: a statement's justification is recorded as written by <paramref name="recorder"/>'s user at
    /// its time, unless the same lot already had that statement with the same justification (which keeps its author).
    /// </summary>
    public LotDraft ToDraft(JustificationRecorder? recorder) => new(
        Title, Description, ValueYuan, ReservedForSmes,
        (Requirements ?? []).Select(r => r.ToDomain(recorder)).ToList(),
        (Criteria ?? []).Select(c => new AwardCriterion(c.Name, c.Weight, c.IsPrice)).ToList());
}

/// <summary>Who writes the justifications of a save, and when; <see cref="Previous"/> are the lot's requirements before it.</summary>
public sealed record JustificationRecorder(string By, DateTime AtUtc, IReadOnlyList<QualificationRequirement>? Previous = null)
{
    public JustificationRecorder For(Lot? lot) => this with { Previous = lot?.Requirements };

    public QualificationRequirement Record(QualificationRequirement requirement, string? justification)
    {
        var kept = Previous?.FirstOrDefault(p => p.Kind == RequirementKind.Statement && p.Statement == requirement.Statement
            && p.Justification is not null && p.Justification == justification?.Trim());
        return kept is not null
            ? requirement.Justified(kept.Justification, kept.JustifiedBy!, kept.JustifiedAtUtc!.Value)
            : requirement.Justified(justification, By, AtUtc);
    }
}

/// <summary>
/// <c>{kind:"pastProject", minValueYuan, withinYears}</c>, <c>{kind:"certification", certificationKey}</c> (a kind of
/// <c>GET /api/v1/certification-kinds</c>) or <c>{kind:"certification", name}</c> (resolved through the aliases, else "other"), or
/// <c>{kind:"statement", text, justification}</c> (any other condition, declared by bidding; the justification is
/// required to publish a lot not reserved for SMEs with a size or financial bar, 财库〔2020〕46号 Art. 5).
/// </summary>
public sealed record RequirementInput(string Kind, decimal? MinValueYuan = null, int? WithinYears = null, string? Name = null, string? Text = null,
    string? CertificationKey = null, string? Justification = null)
{
    /// <summary>The requirement; its justification only when a <paramref name="recorder"/> says who writes it.</summary>
    public QualificationRequirement ToDomain(JustificationRecorder? recorder = null)
    {
        var requirement = Build();
        if (!string.IsNullOrWhiteSpace(Justification) && requirement.Kind != RequirementKind.Statement)
        {
            throw new DomainException("Only a condition in words (a statement requirement) takes a justification.", "requirements.justification");
        }
        return recorder is null || requirement.Kind != RequirementKind.Statement ? requirement : recorder.Record(requirement, Justification);
    }

    private QualificationRequirement Build() => Kind switch
    {
        "pastProject" => QualificationRequirement.PastProject(
            MinValueYuan ?? throw new DomainException("A past-project requirement needs minValueYuan.", "requirements.minValueYuan"),
            WithinYears ?? throw new DomainException("A past-project requirement needs withinYears.", "requirements.withinYears")),
        "certification" => string.IsNullOrWhiteSpace(CertificationKey) && string.IsNullOrWhiteSpace(Name)
            ? throw new DomainException("A certification requirement needs the certification's kind or name.", "requirements.certificationKey")
            : QualificationRequirement.Certification(CertificationKey, Name),
        "smeOnly" => QualificationRequirement.SmeOnly(),
        "statement" => QualificationRequirement.Other(
            Text ?? throw new DomainException("A statement requirement needs its text.", "requirements.text")),
        _ => throw new DomainException(new Phrase("Unknown requirement kind '{0}'; use pastProject, certification or statement.", Kind), "requirements.kind"),
    };
}

public sealed record CriterionInput(string Name, int Weight, bool IsPrice);
