namespace Portal.Domain.Tenders;

/// <summary>What an officer enters for a lot; <see cref="Tender.AddLot"/> checks it.</summary>
public sealed record LotDraft(
    string Title,
    string Description,
    decimal ValueYuan,
    bool ReservedForSmes,
    IReadOnlyList<QualificationRequirement> Requirements,
    IReadOnlyList<AwardCriterion> Criteria);
