namespace Portal.Features.Tenders;

/// <summary><c>POST /api/v1/tenders</c>: what an officer enters for a tender.</summary>
public sealed record TenderInput(string? Title, string? Description, string? Buyer, decimal? BudgetYuan, string? Category);

/// <summary>
/// <c>POST /api/v1/tenders/{id}/publish</c>: the bidding deadline (ISO 8601, with an offset or Z) and, optionally, the
/// small and micro enterprise price deduction the tender keeps (0.10–0.20; the setting's when left out).
/// </summary>
public sealed record PublishInput(DateTimeOffset? Deadline, decimal? SmallMicroPriceDeduction = null);

/// <summary><c>POST /api/v1/tenders/{id}/amendments</c>: the notice and, optionally, a later deadline.</summary>
public sealed record AmendmentInput(string? Notice, DateTimeOffset? Deadline);

