namespace Portal.Features.Tenders;

/// <summary><c>POST /api/v1/tenders</c>: what an officer enters for a tender.</summary>
public sealed record TenderInput(string? Title, string? Description, string? Buyer, decimal? BudgetYuan, string? Category);

/// <summary><c>POST /api/v1/tenders/{id}/publish</c>: the bidding deadline (ISO 8601, with an offset or Z).</summary>
public sealed record PublishInput(DateTimeOffset? Deadline);

/// <summary><c>POST /api/v1/tenders/{id}/amendments</c>: the notice and, optionally, a later deadline.</summary>
public sealed record AmendmentInput(string? Notice, DateTimeOffset? Deadline);

