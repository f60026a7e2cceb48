using Portal.Features.Suppliers;
using Portal.Features.Tenders;

namespace Portal.Data.Seeding;

// The shapes of the JSON files in seed-data/ beyond the API shapes they reuse (camelCase on disk).

internal sealed record SeedTender(
    string Title,
    string Description,
    string Buyer,
    decimal BudgetYuan,
    string Category,
    bool Publish,
    int BiddingDays,
    List<SeedLot> Lots);

/// <summary>A lot plus the demo evaluators (by email) assigned to it.</summary>
internal sealed record SeedLot(
    string Title,
    string Description,
    decimal ValueYuan,
    bool ReservedForSmes,
    List<RequirementInput>? Requirements,
    List<CriterionInput>? Criteria,
    List<string>? Evaluators)
{
    public LotInput ToInput() => new(Title, Description, ValueYuan, ReservedForSmes, Requirements, Criteria);
}

internal sealed record SeedAccount(string Email, string Password, string Role, string? SupplierCreditCode);

internal sealed record SeedFilesContent(
    List<SupplierInput> Suppliers, List<SeedTender> Tenders, List<SeedAccount> Accounts, List<SeedHistoryLot>? History);
