using Portal.Domain;
using Portal.Domain.Tenders;

namespace Portal.Features.Tenders.Pages;

/// <summary>The tender editor's fields: a new tender or a draft loaded for editing.</summary>
public sealed class TenderForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Buyer { get; set; }
    public decimal? BudgetYuan { get; set; }
    public string? Category { get; set; }
    public List<LotForm> Lots { get; } = [new()];

    /// <summary>The small and micro enterprise price deduction in per cent (10–20), kept by the tender when it is published.</summary>
    public decimal? DeductionPercent { get; set; }

    /// <summary>The deduction counts only in lots not reserved for SMEs; without one the tender takes the setting's.</summary>
    public bool DeductionApplies => Lots.Any(l => !l.Reserved);

    /// <summary>The deduction as the tender keeps it (a fraction: 12.5% is 0.125), or null for the setting's.</summary>
    public decimal? Deduction => DeductionApplies ? DeductionPercent / 100m : null;

    public TenderInput ToInput() => new(Title, Description, Buyer, BudgetYuan, Category);

    public static TenderForm From(TenderDetail draft)
    {
        var form = new TenderForm
        {
            Title = draft.Title,
            Description = draft.Description,
            Buyer = draft.Buyer,
            BudgetYuan = draft.BudgetYuan,
            Category = draft.Category,
        };
        form.Lots.Clear();
        form.Lots.AddRange(draft.Lots.Select(LotForm.From));
        return form;
    }
}

public sealed class LotForm
{
    public Guid? Id { get; init; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public decimal? ValueYuan { get; set; }
    public bool Reserved { get; set; } = true;
    public List<RequirementForm> Requirements { get; } = [new()];
    public List<CriterionForm> Criteria { get; } = [new("价格", 30, true), new("技术方案", 50, false), new("服务与运维", 20, false)];

    /// <summary>What the API would receive; rows left blank are not requirements.</summary>
    public LotInput ToInput() => new(Title ?? "", Description ?? "", ValueYuan ?? 0, Reserved,
        Requirements.Where(r => !r.IsBlank).Select(r => r.ToInput()).ToList(),
        Criteria.Select(c => new CriterionInput(c.Name, c.Weight, c.IsPrice)).ToList());

    /// <summary>财库〔2020〕46号 Art. 5 warnings for the lot as typed so far (fields still invalid are skipped).</summary>
    public IReadOnlyList<FairnessWarning> Warnings(int number) => SmeFairnessReview.Review(
        number, ValueYuan ?? 0, Description, Requirements.Where(r => !r.IsBlank).Select(r => r.TryBuild()), Criteria.Select(c => c.Name));

    public static LotForm From(TenderLotView lot)
    {
        var form = new LotForm { Id = lot.Id, Title = lot.Title, Description = lot.Description, ValueYuan = lot.ValueYuan, Reserved = lot.ReservedForSmes };
        form.Requirements.Clear();
        form.Requirements.AddRange(lot.Requirements.Where(r => r.Kind != "smeOnly").Select(r => new RequirementForm
        {
            Kind = r.Kind, MinValueYuan = r.MinValueYuan, WithinYears = r.WithinYears ?? 3, Text = r.Text,
            CertificationKey = r.CertificationKey, Name = r.CertificationKey == Portal.Domain.Suppliers.CertificationKind.OtherKey ? r.Name : null,
        }));
        form.Criteria.Clear();
        form.Criteria.AddRange(lot.Criteria.Select(c => new CriterionForm(c.Name, c.Weight, c.IsPrice)));
        return form;
    }
}

/// <summary>One qualification requirement row: a past project, a certification or another condition in words.</summary>
public sealed class RequirementForm
{
    public string Kind { get; set; } = "pastProject";
    public decimal? MinValueYuan { get; set; }
    public int? WithinYears { get; set; } = 3;
    /// <summary>The name typed for an "other" certification (the catalogue's kinds are chosen by <see cref="CertificationKey"/>).</summary>
    public string? Name { get; set; }
    public string? Text { get; set; }

    /// <summary>The certification's kind from the catalogue, or <c>other</c>.</summary>
    public string? CertificationKey { get; set; }

    public bool IsBlank => Kind switch
    {
        "pastProject" => MinValueYuan is null,
        "certification" => string.IsNullOrWhiteSpace(CertificationKey) && string.IsNullOrWhiteSpace(Name),
        _ => string.IsNullOrWhiteSpace(Text),
    };

    public RequirementInput ToInput() => new(Kind, MinValueYuan, WithinYears, Name?.Trim(), Text?.Trim(),
        Kind == "certification" ? CertificationKey : null);

    public QualificationRequirement? TryBuild()
    {
        try
        {
            return ToInput().ToDomain();
        }
        catch (DomainException)
        {
            return null;
        }
    }
}

public sealed class CriterionForm(string name, int weight, bool isPrice)
{
    public string Name { get; set; } = name;
    public int Weight { get; set; } = weight;
    public bool IsPrice { get; set; } = isPrice;
}
