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

    /// <summary>
    /// What is missing or out of range before anything is sent, field by field (the fields as <see cref="ValueOf"/>
    /// names them): the rules the domain checks again, said at the field that breaks them.
    /// </summary>
    public IReadOnlyList<(string Field, Phrase Message)> Validate()
    {
        var errors = new List<(string, Phrase)>();
        void Require(bool present, string field, string message)
        {
            if (!present)
            {
                errors.Add((field, Phrase.Of(message)));
            }
        }
        Require(!string.IsNullOrWhiteSpace(Title), "title", "Enter the tender's title.");
        Require(!string.IsNullOrWhiteSpace(Category), "category", "Choose a category.");
        Require(!string.IsNullOrWhiteSpace(Buyer), "buyer", "Enter the buying department.");
        Require(BudgetYuan > 0, "budgetYuan", "Enter the budget in yuan (more than 0).");
        Require(!string.IsNullOrWhiteSpace(Description), "description", "Describe the tender.");
        foreach (var (lot, index) in Lots.Select((l, i) => (l, i)))
        {
            errors.AddRange(lot.Validate($"lots[{index}]"));
        }
        return errors;
    }

    /// <summary>
    /// The value a field has now (<c>title</c>, <c>lots[0].criteria[1].weight</c>, <c>lots[0].criteria</c> for the set),
    /// so that an error shown at a field goes away as soon as the field changes. Null for a field the form does not know.
    /// </summary>
    public object? ValueOf(string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^lots\[(\d+)\]\.(.+)$");
        if (match.Success)
        {
            var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return index < Lots.Count ? Lots[index].ValueOf(match.Groups[2].Value) : null;
        }
        return field switch
        {
            "title" => Title,
            "category" => Category,
            "buyer" => Buyer,
            "budgetYuan" => BudgetYuan,
            "description" => Description,
            "smallMicroPriceDeduction" => DeductionPercent,
            _ => null,
        };
    }

    /// <summary>
    /// A domain field as the form names it: requirements are sent without the rows left blank, so
    /// <c>lots[0].requirements[1].justification</c> is the second row that is filled in.
    /// </summary>
    public string ToFormField(string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^lots\[(\d+)\]\.requirements\[(\d+)\](.*)$");
        if (!match.Success)
        {
            return field;
        }
        var lot = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var sent = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (lot >= Lots.Count)
        {
            return field;
        }
        var rows = Lots[lot].Requirements.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).Select(x => x.i).ToList();
        return sent < rows.Count ? $"lots[{lot}].requirements[{rows[sent]}]{match.Groups[3].Value}" : field;
    }

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

    /// <summary>The weights as entered so far; the lot is saved only when they add up to 100.</summary>
    public int WeightSum => Criteria.Sum(c => c.Weight ?? 0);

    /// <summary>The one price criterion (a radio choice among the rows); setting it makes every other row not the price.</summary>
    public CriterionForm? Price
    {
        get => Criteria.FirstOrDefault(c => c.IsPrice);
        set
        {
            foreach (var criterion in Criteria)
            {
                criterion.IsPrice = ReferenceEquals(criterion, value);
            }
        }
    }

    /// <summary>A new, empty criterion row (a price row when the lot has none yet).</summary>
    public CriterionForm AddCriterion()
    {
        var row = new CriterionForm("", null, isPrice: Price is null);
        Criteria.Add(row);
        return row;
    }

    public void RemoveCriterion(CriterionForm row) => Criteria.Remove(row);

    /// <summary>What the API would receive; rows left blank are not requirements.</summary>
    public LotInput ToInput() => new(Title ?? "", Description ?? "", ValueYuan ?? 0, Reserved,
        Requirements.Where(r => !r.IsBlank).Select(r => r.ToInput()).ToList(),
        Criteria.Select(c => new CriterionInput(c.Name.Trim(), c.Weight ?? 0, c.IsPrice)).ToList());

    /// <summary>财库〔2020〕46号 Art. 5 warnings for the lot as typed so far (fields still invalid are skipped).</summary>
    public IReadOnlyList<FairnessWarning> Warnings(int number) => SmeFairnessReview.Review(
        number, ValueYuan ?? 0, Description, Requirements.Where(r => !r.IsBlank).Select(r => r.TryBuild()), Criteria.Select(c => c.Name),
        Reserved);

    /// <summary>Whether this row sets a size or financial bar (财库〔2020〕46号 Art. 5): on a lot not reserved for SMEs it needs a justification.</summary>
    public static bool SetsSizeBar(RequirementForm row) =>
        row.Kind == "statement" && SmeFairnessReview.SizeBarsIn(row.Text).Count > 0;

    internal IEnumerable<(string Field, Phrase Message)> Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return ($"{prefix}.title", Phrase.Of("Enter the lot's title."));
        }
        if (ValueYuan is not > 0)
        {
            yield return ($"{prefix}.valueYuan", Phrase.Of("Enter the lot's estimated value in yuan (more than 0)."));
        }
        if (string.IsNullOrWhiteSpace(Description))
        {
            yield return ($"{prefix}.description", Phrase.Of("Describe what the lot needs."));
        }
        foreach (var (criterion, index) in Criteria.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(criterion.Name))
            {
                yield return ($"{prefix}.criteria[{index}].name", Phrase.Of("Name the criterion."));
            }
            else if (Criteria.Take(index).Any(c => string.Equals(c.Name.Trim(), criterion.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                yield return ($"{prefix}.criteria[{index}].name", new Phrase("Criterion \"{0}\" is listed twice.", criterion.Name.Trim()));
            }
            if (criterion.Weight is not (>= 1 and <= 100))
            {
                yield return ($"{prefix}.criteria[{index}].weight", Phrase.Of("A weight is between 1 and 100."));
            }
        }
        if (Criteria.Count == 0)
        {
            yield return ($"{prefix}.criteria", Phrase.Of("Add the award criteria: one of them is the price."));
        }
        else if (Price is null)
        {
            yield return ($"{prefix}.criteria", Phrase.Of("Choose which criterion is the price."));
        }
        else if (WeightSum != 100)
        {
            yield return ($"{prefix}.criteria", new Phrase("The weights add up to {0}; they must add up to 100.", WeightSum));
        }
    }

    /// <summary>The value of a field of this lot (<c>title</c>, <c>criteria[1].weight</c>, <c>requirements[0].text</c>…).</summary>
    internal object? ValueOf(string field)
    {
        var row = System.Text.RegularExpressions.Regex.Match(field, @"^(criteria|requirements)\[(\d+)\]\.?(.*)$");
        if (row.Success)
        {
            var index = int.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var part = row.Groups[3].Value;
            if (row.Groups[1].Value == "criteria")
            {
                return index >= Criteria.Count ? null : part switch
                {
                    "name" => Criteria[index].Name,
                    "weight" => Criteria[index].Weight,
                    _ => $"{Criteria[index].Name}|{Criteria[index].Weight}|{Criteria[index].IsPrice}",
                };
            }
            return index >= Requirements.Count ? null : Requirements[index].ValueOf(part);
        }
        return field switch
        {
            "title" => Title,
            "valueYuan" => ValueYuan,
            "description" => Description,
            "reservedForSmes" => Reserved,
            "criteria" => string.Join(";", Criteria.Select(c => $"{c.Name}|{c.Weight}|{c.IsPrice}")),
            "requirements" => Requirements.Count,
            _ => null,
        };
    }

    public static LotForm From(TenderLotView lot)
    {
        var form = new LotForm { Id = lot.Id, Title = lot.Title, Description = lot.Description, ValueYuan = lot.ValueYuan, Reserved = lot.ReservedForSmes };
        form.Requirements.Clear();
        form.Requirements.AddRange(lot.Requirements.Where(r => r.Kind != "smeOnly").Select(r => new RequirementForm
        {
            Kind = r.Kind, MinValueYuan = r.MinValueYuan, WithinYears = r.WithinYears ?? 3, Text = r.Text,
            CertificationKey = r.CertificationKey, Name = r.CertificationKey == Portal.Domain.Suppliers.CertificationKind.OtherKey ? r.Name : null,
            Justification = r.Justification,
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

    /// <summary>Why the lot needs the size or financial bar this condition sets (财库〔2020〕46号 Art. 5).</summary>
    public string? Justification { get; set; }

    public bool IsBlank => Kind switch
    {
        "pastProject" => MinValueYuan is null,
        "certification" => string.IsNullOrWhiteSpace(CertificationKey) && string.IsNullOrWhiteSpace(Name),
        _ => string.IsNullOrWhiteSpace(Text),
    };

    public RequirementInput ToInput() => new(Kind, MinValueYuan, WithinYears, Name?.Trim(), Text?.Trim(),
        Kind == "certification" ? CertificationKey : null,
        Kind == "statement" && !string.IsNullOrWhiteSpace(Justification) ? Justification.Trim() : null);

    internal object? ValueOf(string part) => part switch
    {
        "minValueYuan" => MinValueYuan,
        "withinYears" => WithinYears,
        "name" => Name,
        "text" => Text,
        "justification" => Justification,
        "certificationKey" => CertificationKey,
        _ => $"{Kind}|{MinValueYuan}|{WithinYears}|{Name}|{Text}|{CertificationKey}|{Justification}",
    };

    private static readonly JustificationRecorder Preview = new("form", DateTime.UnixEpoch);

    public QualificationRequirement? TryBuild()
    {
        try
        {
            // For the warnings as typed: the justification counts, its author and time are the save's.
            return ToInput().ToDomain(Preview);
        }
        catch (DomainException)
        {
            return null;
        }
    }
}

/// <summary>One award criterion row; its weight is null while the field is empty.</summary>
public sealed class CriterionForm(string name, int? weight, bool isPrice)
{
    public string Name { get; set; } = name;
    public int? Weight { get; set; } = weight;
    public bool IsPrice { get; set; } = isPrice;
}
