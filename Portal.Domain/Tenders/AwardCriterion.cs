namespace Portal.Domain.Tenders;

/// <summary>An award criterion of a lot with its weight in points out of 100; exactly one criterion is the price.</summary>
public sealed class AwardCriterion
{
    public const int NameMaxLength = 100;

    public AwardCriterion(string name, int weight, bool isPrice)
    {
        Name = Guard.Text(name, "criteria.name", NameMaxLength);
        if (weight is <= 0 or > 100)
        {
            throw new DomainException(new Phrase("The weight of criterion '{0}' must be between 1 and 100.", Name), "criteria.weight");
        }
        Weight = weight;
        IsPrice = isPrice;
    }

    public string Name { get; private set; }
    public int Weight { get; private set; }
    public bool IsPrice { get; private set; }

    /// <summary>Weights sum to 100, exactly one price criterion, names unique.</summary>
    public static void CheckSet(IReadOnlyCollection<AwardCriterion> criteria)
    {
        var total = criteria.Sum(c => c.Weight);
        if (total != 100)
        {
            throw new DomainException(new Phrase("Criterion weights must sum to 100; they sum to {0}.", total), "criteria");
        }
        var prices = criteria.Count(c => c.IsPrice);
        if (prices != 1)
        {
            throw new DomainException(new Phrase("A lot needs exactly one price criterion; it has {0}.", prices), "criteria");
        }
        var duplicate = criteria.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(new Phrase("Criterion '{0}' is listed twice.", duplicate.Key), "criteria");
        }
    }
}
