using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Localization;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

public sealed class TenderTests
{
    private static readonly TimeSpan _tenDays = TimeSpan.FromDays(10);

    [Fact]
    public void CreateMakesADraftWithTheGivenFields()
    {
        var tender = Tender.Create("  智慧停车  ", "Phase 2.", "西湖区城管局", 5_000_000m, "smart-parking", Now);

        Assert.NotEqual(Guid.Empty, tender.Id);
        Assert.Equal(TenderStatus.Draft, tender.Status);
        Assert.Equal("智慧停车", tender.Title);
        Assert.Equal("Phase 2.", tender.Description);
        Assert.Equal("西湖区城管局", tender.Buyer);
        Assert.Equal(5_000_000m, tender.BudgetYuan);
        Assert.Equal("smart-parking", tender.Category);
        Assert.Equal(Now, tender.CreatedAtUtc);
        Assert.Null(tender.PublishedAtUtc);
        Assert.Null(tender.DeadlineUtc);
        Assert.Empty(tender.Lots);
    }

    [Theory]
    [InlineData("", "Description", "Buyer", "smart-parking", "title")]
    [InlineData("Title", " ", "Buyer", "smart-parking", "description")]
    [InlineData("Title", "Description", "", "smart-parking", "buyer")]
    [InlineData("Title", "Description", "Buyer", "flying-cars", "category")]
    public void CreateRejectsMissingTextAndUnknownCategory(string title, string description, string buyer, string category, string field)
    {
        var ex = Assert.Throws<DomainException>(() => Tender.Create(title, description, buyer, 1_000_000m, category, Now));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void ARejectedUpdateLeavesTheTenderUntouched()
    {
        var tender = DraftTender();

        Assert.Throws<DomainException>(() => tender.Update("New title", "New description", "New buyer", 7_000_000m, "flying-cars"));

        Assert.Equal("西湖区智慧停车二期", tender.Title);
        Assert.Equal("Smart parking for the Xihu district, phase 2.", tender.Description);
        Assert.Equal("杭州市西湖区城市管理局", tender.Buyer);
        Assert.Equal(5_000_000m, tender.BudgetYuan);
    }

    [Fact]
    public void TheEarliestDeadlineNamedInTheRefusalIsAcceptable()
    {
        var now = new DateTime(2026, 11, 23, 8, 0, 30, DateTimeKind.Utc);
        var tender = DraftTender();
        tender.AddLot(ValidLot());

        var refusal = Assert.Throws<DomainException>(() => tender.Publish(now.AddDays(9), now, TimeSpan.FromDays(10)));

        // The earliest deadline is named in China time (08:01 UTC is 16:01 in Beijing), as the officer enters it.
        Assert.Equal(new Phrase("The deadline must leave at least {0} for bidding: choose {1} or later.",
            new Phrase("{0} days", 10.0), new DateTime(2026, 12, 3, 8, 1, 0, DateTimeKind.Utc)), refusal.Phrase);
        Assert.Contains("2026-12-03 16:01 Beijing time or later", refusal.Message);
        Assert.Equal("投标截止时间须为投标人留出至少 10 天：请选择 2026-12-03 16:01 北京时间或更晚的时间。",
            PortalText.Render(refusal.Phrase, System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        tender.Publish(new DateTime(2026, 12, 3, 8, 1, 0, DateTimeKind.Utc), now, TimeSpan.FromDays(10));
        Assert.Equal(TenderStatus.Published, tender.Status);
    }

    [Fact]
    public void CreateRejectsATooLongTitle()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Tender.Create(new string('x', Tender.TitleMaxLength + 1), "d", "b", 1_000_000m, "smart-parking", Now));

        Assert.Equal("title", ex.Field);
        Assert.Contains("200", ex.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000.001")]
    public void CreateRejectsABudgetThatIsNotPositiveYuanAndFen(string budget)
    {
        var ex = Assert.Throws<DomainException>(() =>
            Tender.Create("Title", "Description", "Buyer", decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture), "smart-parking", Now));

        Assert.Equal("budgetYuan", ex.Field);
    }

    [Fact]
    public void CreateRejectsANonUtcTime()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Tender.Create("Title", "Description", "Buyer", 1_000_000m, "smart-parking", new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Unspecified)));

        Assert.Equal("now", ex.Field);
    }

    [Fact]
    public void UpdateChangesTheDraft()
    {
        var tender = DraftTender();

        tender.Update("New title", "New description", "New buyer", 7_000_000m, "water-supply");

        Assert.Equal("New title", tender.Title);
        Assert.Equal("New description", tender.Description);
        Assert.Equal("New buyer", tender.Buyer);
        Assert.Equal(7_000_000m, tender.BudgetYuan);
        Assert.Equal("water-supply", tender.Category);
    }

    [Fact]
    public void UpdateRefusesABudgetBelowTheLots()
    {
        var tender = DraftTender(budgetYuan: 5_000_000m);
        tender.AddLot(ValidLot(valueYuan: 3_000_000m));

        var ex = Assert.Throws<DomainException>(() => tender.Update("T", "D", "B", 2_999_999.99m, "smart-parking"));

        Assert.Equal("budgetYuan", ex.Field);
        Assert.Equal(5_000_000m, tender.BudgetYuan);

        tender.Update("T", "D", "B", 3_000_000m, "smart-parking");
        Assert.Equal(3_000_000m, tender.BudgetYuan);
    }

    [Fact]
    public void AddLotNumbersLotsFromOne()
    {
        var tender = DraftTender();

        var first = tender.AddLot(ValidLot(title: "Sensors"));
        var second = tender.AddLot(ValidLot(title: "Platform"));
        var third = tender.AddLot(ValidLot(title: "Maintenance"));

        Assert.Equal([1, 2, 3], tender.Lots.Select(l => l.Number));
        Assert.Equal([first, second, third], tender.Lots);
        Assert.All(tender.Lots, l => Assert.Equal(tender.Id, l.TenderId));
        Assert.All(tender.Lots, l => Assert.Equal(LotStatus.Draft, l.Status));
        Assert.Equal(3, tender.Lots.Select(l => l.Id).Distinct().Count());
    }

    [Fact]
    public void AddLotKeepsTheDraftFields()
    {
        var lot = DraftTender().AddLot(ValidLot(valueYuan: 1_234_567.89m,
            requirements: [QualificationRequirement.Certification("ISO 27001")]));

        Assert.Equal("Lot: parking sensors", lot.Title);
        Assert.Equal(1_234_567.89m, lot.ValueYuan);
        Assert.False(lot.ReservedForSmes);
        Assert.Equal(RequirementKind.Certification, Assert.Single(lot.Requirements).Kind);
        Assert.Equal(3, lot.Criteria.Count);
        Assert.Empty(lot.EvaluatorUserIds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AReservedLotAlwaysHasExactlyOneSmeOnlyRequirement(int smeOnlyInInput)
    {
        var requirements = Enumerable.Repeat(QualificationRequirement.SmeOnly(), smeOnlyInInput)
            .Append(QualificationRequirement.PastProject(500_000m, 3))
            .ToList();

        var lot = DraftTender().AddLot(ValidLot(reservedForSmes: true, requirements: requirements));

        Assert.True(lot.ReservedForSmes);
        Assert.Single(lot.Requirements, r => r.Kind == RequirementKind.SmeOnly);
        Assert.Single(lot.Requirements, r => r.Kind == RequirementKind.PastProject);
    }

    [Fact]
    public void ANonReservedLotDropsTheSmeOnlyRequirement()
    {
        var lot = DraftTender().AddLot(ValidLot(reservedForSmes: false,
            requirements: [QualificationRequirement.SmeOnly(), QualificationRequirement.Certification("CMMI 3")]));

        Assert.DoesNotContain(lot.Requirements, r => r.Kind == RequirementKind.SmeOnly);
        Assert.Equal(RequirementKind.Certification, Assert.Single(lot.Requirements).Kind);
    }

    [Fact]
    public void UpdateLotAddsOrDropsTheSmeOnlyRequirementWithTheReservation()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot(reservedForSmes: false));
        Assert.Empty(lot.Requirements);

        tender.UpdateLot(lot.Id, ValidLot(reservedForSmes: true));
        Assert.Equal(RequirementKind.SmeOnly, Assert.Single(lot.Requirements).Kind);

        tender.UpdateLot(lot.Id, ValidLot(reservedForSmes: false, requirements: lot.Requirements));
        Assert.Empty(lot.Requirements);
        Assert.False(lot.ReservedForSmes);
    }

    [Fact]
    public void RejectsCriteriaWeightsThatDoNotSumTo100()
    {
        var ex = Assert.Throws<DomainException>(() => DraftTender().AddLot(ValidLot(criteria:
        [
            new AwardCriterion("Price", 40, isPrice: true),
            new AwardCriterion("Technical", 50, isPrice: false),
        ])));

        Assert.Equal("criteria", ex.Field);
        Assert.Contains("sum to 90", ex.Message);
    }

    [Fact]
    public void RejectsCriteriaWithoutAPriceCriterion()
    {
        var ex = Assert.Throws<DomainException>(() => DraftTender().AddLot(ValidLot(criteria:
        [
            new AwardCriterion("Technical", 60, isPrice: false),
            new AwardCriterion("Service", 40, isPrice: false),
        ])));

        Assert.Equal("criteria", ex.Field);
        Assert.Contains("exactly one price criterion", ex.Message);
    }

    [Fact]
    public void RejectsCriteriaWithTwoPriceCriteria()
    {
        var ex = Assert.Throws<DomainException>(() => DraftTender().AddLot(ValidLot(criteria:
        [
            new AwardCriterion("Price", 30, isPrice: true),
            new AwardCriterion("Lifetime cost", 30, isPrice: true),
            new AwardCriterion("Technical", 40, isPrice: false),
        ])));

        Assert.Equal("criteria", ex.Field);
        Assert.Contains("it has 2", ex.Message);
    }

    [Fact]
    public void RejectsCriteriaWithTheSameName()
    {
        var ex = Assert.Throws<DomainException>(() => DraftTender().AddLot(ValidLot(criteria:
        [
            new AwardCriterion("Price", 40, isPrice: true),
            new AwardCriterion("Technical", 30, isPrice: false),
            new AwardCriterion(" technical ", 30, isPrice: false),
        ])));

        Assert.Equal("criteria", ex.Field);
        Assert.Contains("listed twice", ex.Message);
    }

    [Fact]
    public void RejectsNoCriteria()
    {
        var ex = Assert.Throws<DomainException>(() => DraftTender().AddLot(ValidLot(criteria: [])));

        Assert.Equal("criteria", ex.Field);
    }

    [Fact]
    public void AcceptsASinglePriceCriterionOf100()
    {
        var lot = DraftTender().AddLot(ValidLot(criteria: [new AwardCriterion("Price", 100, isPrice: true)]));

        Assert.Equal(100, Assert.Single(lot.Criteria).Weight);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(101)]
    public void RejectsACriterionWeightOutside1To100(int weight)
    {
        var ex = Assert.Throws<DomainException>(() => new AwardCriterion("Price", weight, isPrice: true));

        Assert.Equal("criteria.weight", ex.Field);
    }

    [Theory]
    [InlineData("", "Description", "1000", "title")]
    [InlineData("Title", "", "1000", "description")]
    [InlineData("Title", "Description", "0", "valueYuan")]
    [InlineData("Title", "Description", "-1", "valueYuan")]
    [InlineData("Title", "Description", "0.001", "valueYuan")]
    public void AddLotRejectsInvalidFields(string title, string description, string value, string field)
    {
        var tender = DraftTender();
        var draft = ValidLot() with
        {
            Title = title,
            Description = description,
            ValueYuan = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
        };

        var ex = Assert.Throws<DomainException>(() => tender.AddLot(draft));

        Assert.Equal(field, ex.Field);
        Assert.Empty(tender.Lots);
    }

    [Fact]
    public void LotsMayAddUpToTheBudgetExactly()
    {
        var tender = DraftTender(budgetYuan: 5_000_000m);

        tender.AddLot(ValidLot(valueYuan: 3_000_000m));
        tender.AddLot(ValidLot(valueYuan: 2_000_000m));

        Assert.Equal(5_000_000m, tender.Lots.Sum(l => l.ValueYuan));
    }

    [Fact]
    public void AddLotRefusesToExceedTheBudget()
    {
        var tender = DraftTender(budgetYuan: 5_000_000m);
        tender.AddLot(ValidLot(valueYuan: 3_000_000m));

        var ex = Assert.Throws<DomainException>(() => tender.AddLot(ValidLot(valueYuan: 2_000_000.01m)));

        Assert.Equal("valueYuan", ex.Field);
        Assert.Contains("exceed the tender budget", ex.Message);
        Assert.Single(tender.Lots);
    }

    [Fact]
    public void UpdateLotRefusesToExceedTheBudget()
    {
        var tender = DraftTender(budgetYuan: 5_000_000m);
        var first = tender.AddLot(ValidLot(valueYuan: 3_000_000m));
        tender.AddLot(ValidLot(valueYuan: 2_000_000m));

        var ex = Assert.Throws<DomainException>(() => tender.UpdateLot(first.Id, ValidLot(valueYuan: 3_000_000.01m)));

        Assert.Equal("valueYuan", ex.Field);
        Assert.Equal(3_000_000m, first.ValueYuan);

        // The lot's own current value does not count twice.
        tender.UpdateLot(first.Id, ValidLot(valueYuan: 2_500_000m, title: "Sensors, fewer"));
        Assert.Equal(2_500_000m, first.ValueYuan);
        Assert.Equal("Sensors, fewer", first.Title);
    }

    [Fact]
    public void UpdateLotRefusesALotOfAnotherTender()
    {
        var tender = DraftTender();
        var otherLot = DraftTender().AddLot(ValidLot());

        Assert.Throws<DomainException>(() => tender.UpdateLot(otherLot.Id, ValidLot()));
    }

    [Fact]
    public void ARejectedLotUpdateLeavesTheLotUntouched()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot(reservedForSmes: true, title: "Sensors"));

        Assert.Throws<DomainException>(() => tender.UpdateLot(lot.Id,
            ValidLot(reservedForSmes: false, title: "Changed", criteria: [new AwardCriterion("Price", 90, isPrice: true)])));

        Assert.Equal("Sensors", lot.Title);
        Assert.True(lot.ReservedForSmes);
        Assert.Equal(RequirementKind.SmeOnly, Assert.Single(lot.Requirements).Kind);
        Assert.Equal(3, lot.Criteria.Count);
    }

    [Fact]
    public void PublishRefusesATenderWithoutLots()
    {
        var tender = DraftTender();

        var ex = Assert.Throws<DomainException>(() => tender.Publish(Now.AddDays(20), Now, _tenDays));

        Assert.Contains("at least one lot", ex.Message);
        Assert.Equal(TenderStatus.Draft, tender.Status);
    }

    [Fact]
    public void PublishRefusesADeadlineShorterThanTheMinimumBiddingPeriodAndNamesTheEarliestDate()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());

        var ex = Assert.Throws<DomainException>(() => tender.Publish(Now.AddDays(10).AddMinutes(-1), Now, _tenDays));

        Assert.Equal("deadline", ex.Field);
        Assert.Contains("2026-12-03", ex.Message);
        Assert.Contains("10 days", ex.Message);
        Assert.Equal(TenderStatus.Draft, tender.Status);
        Assert.Null(tender.DeadlineUtc);
        Assert.All(tender.Lots, l => Assert.Equal(LotStatus.Draft, l.Status));
    }

    [Fact]
    public void PublishRefusesANonUtcDeadline()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());

        var ex = Assert.Throws<DomainException>(() =>
            tender.Publish(new DateTime(2026, 12, 20, 8, 0, 0, DateTimeKind.Local), Now, _tenDays));

        Assert.Equal("deadline", ex.Field);
    }

    [Fact]
    public void PublishAcceptsADeadlineExactlyAtTheMinimumBiddingPeriod()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());

        tender.Publish(Now + _tenDays, Now, _tenDays);

        Assert.Equal(new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc), tender.DeadlineUtc);
    }

    [Fact]
    public void PublishOpensEveryLotAndRecordsTheDates()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot(valueYuan: 1_000_000m));
        tender.AddLot(ValidLot(valueYuan: 2_000_000m, reservedForSmes: true));
        var deadline = new DateTime(2026, 12, 15, 9, 0, 0, DateTimeKind.Utc);

        tender.Publish(deadline, Now, _tenDays);

        Assert.Equal(TenderStatus.Published, tender.Status);
        Assert.Equal(Now, tender.PublishedAtUtc);
        Assert.Equal(deadline, tender.DeadlineUtc);
        Assert.All(tender.Lots, l => Assert.Equal(LotStatus.Open, l.Status));
    }

    [Fact]
    public void EditingAfterPublishThrows()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());
        tender.Publish(Now.AddDays(20), Now, _tenDays);

        Assert.Contains("published", Assert.Throws<DomainException>(() =>
            tender.Update("T", "D", "B", 9_000_000m, "smart-parking")).Message);
        Assert.Throws<DomainException>(() => tender.AddLot(ValidLot()));
        Assert.Throws<DomainException>(() => tender.UpdateLot(lot.Id, ValidLot(title: "Changed")));
        Assert.Throws<DomainException>(() => tender.Publish(Now.AddDays(30), Now, _tenDays));

        Assert.Equal(5_000_000m, tender.BudgetYuan);
        Assert.Single(tender.Lots);
        Assert.Equal("Lot: parking sensors", lot.Title);
        Assert.Equal(Now.AddDays(20), tender.DeadlineUtc);
    }

    [Fact]
    public void AssignEvaluatorsTrimsAndRemovesDuplicates()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());
        tender.Publish(Now.AddDays(20), Now, _tenDays);

        lot.AssignEvaluators([" evaluator-1 ", "evaluator-2", "evaluator-1", "  "]);

        Assert.Equal(["evaluator-1", "evaluator-2"], lot.EvaluatorUserIds);

        lot.AssignEvaluators(["evaluator-3"]);
        Assert.Equal(["evaluator-3"], lot.EvaluatorUserIds);
    }

    [Fact]
    public void AssignEvaluatorsRefusesAnEmptyList()
    {
        var lot = DraftTender().AddLot(ValidLot());
        lot.AssignEvaluators(["evaluator-1"]);

        var ex = Assert.Throws<DomainException>(() => lot.AssignEvaluators([" ", ""]));

        Assert.Equal("emails", ex.Field);
        Assert.Equal(["evaluator-1"], lot.EvaluatorUserIds);
    }

    [Fact]
    public void PastProjectRequirementLooksBackBetweenOneAndTenYears()
    {
        Assert.Equal("requirements.withinYears",
            Assert.Throws<DomainException>(() => QualificationRequirement.PastProject(1_000m, 0)).Field);
        Assert.Equal("requirements.withinYears",
            Assert.Throws<DomainException>(() => QualificationRequirement.PastProject(1_000m, 11)).Field);
        Assert.Equal("requirements.minValueYuan",
            Assert.Throws<DomainException>(() => QualificationRequirement.PastProject(0m, 3)).Field);

        Assert.Equal(10, QualificationRequirement.PastProject(1_000m, 10).WithinYears);
    }
}
