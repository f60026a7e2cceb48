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
    public LotDraft ToDraft() => new(
        Title, Description, ValueYuan, ReservedForSmes,
        (Requirements ?? []).Select(r => r.ToDomain()).ToList(),
        (Criteria ?? []).Select(c => new AwardCriterion(c.Name, c.Weight, c.IsPrice)).ToList());
}

/// <summary>
/// <c>{kind:"pastProject", minValueYuan, withinYears}</c>, <c>{kind:"certification", certificationKey}</c> (a kind of
/// <c>GET /api/v1/certification-kinds</c>) or <c>{kind:"certification", name}</c> (resolved through the aliases, else "other"), or
/// <c>{kind:"statement", text}</c> (any other condition, declared by bidding).
/// </summary>
public sealed record RequirementInput(string Kind, decimal? MinValueYuan = null, int? WithinYears = null, string? Name = null, string? Text = null, string? CertificationKey = null)
{
    public QualificationRequirement ToDomain() => Kind switch
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
