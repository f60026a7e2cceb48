namespace Portal.Domain.Subsidies;

/// <summary>
/// The city's subsidy to SME winners: a rate of the contract value (10% by default) paid from an annual budget.
/// Contracts recorded in a year draw on that year's budget.
/// </summary>
public sealed class SubsidyProgramme
{
    public const int NameMaxLength = 200;
    public const decimal DefaultRate = 0.10m;

    private SubsidyProgramme()
    {
        Name = "";
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public int Year { get; private set; }

    /// <summary>Share of the contract value granted, e.g. 0.10.</summary>
    public decimal Rate { get; private set; }

    public decimal AnnualBudgetYuan { get; private set; }

    public static SubsidyProgramme Create(string name, int year, decimal rate, decimal annualBudgetYuan)
    {
        if (rate is <= 0 or > 1)
        {
            throw new DomainException("The subsidy rate is a share of the contract value between 0 and 1 (e.g. 0.10).", "rate");
        }
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("Give the programme's year, e.g. 2026.", "year");
        }
        return new SubsidyProgramme
        {
            Id = Guid.NewGuid(),
            Name = Guard.Text(name, "name", NameMaxLength),
            Year = year,
            Rate = rate,
            AnnualBudgetYuan = Guard.Money(annualBudgetYuan, "annualBudgetYuan", allowZero: false),
        };
    }

    /// <summary>The grant a contract earns: the rate of its value, rounded to the fen.</summary>
    public decimal GrantFor(decimal contractValueYuan) => Money.ToFen(contractValueYuan * Rate);
}
