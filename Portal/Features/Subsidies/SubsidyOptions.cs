using Portal.Domain.Subsidies;

namespace Portal.Features.Subsidies;

/// <summary>
/// The <c>Subsidy</c> settings section: the terms of each year's programme when it is first needed. A programme keeps
/// the terms it was created with; changing a setting affects the years that have no programme yet.
/// </summary>
public sealed class SubsidyOptions
{
    public const string Section = "Subsidy";

    /// <summary>Share of the contract value granted to an SME winner (10% by default).</summary>
    public decimal Rate { get; set; } = SubsidyProgramme.DefaultRate;

    /// <summary>What a year's programme may approve in total, in yuan (50,000,000 = 5,000万元 by default).</summary>
    public decimal AnnualBudgetYuan { get; set; } = 50_000_000m;

    /// <summary>The programme of a year on these terms.</summary>
    public SubsidyProgramme ProgrammeFor(int year) =>
        SubsidyProgramme.Create($"{year} SME contract subsidy (中小企业合同补贴)", year, Rate, AnnualBudgetYuan);
}
