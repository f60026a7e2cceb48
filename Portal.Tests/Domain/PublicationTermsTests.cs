using Portal.Domain;
using Portal.Domain.Tenders;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>
/// The terms a tender is published with (issue 13 point 6): checked with the field at fault, kept by the tender for
/// life, and with the lots' criteria and requirements out of reach once it is published.
/// </summary>
public sealed class PublicationTermsTests
{
    private static readonly TimeSpan _tenDays = TimeSpan.FromDays(10);

    private static PublicationTerms Terms(decimal deduction = 0.10m, TimeSpan? standstill = null, TimeSpan? window = null) =>
        new(deduction, standstill ?? TimeSpan.FromDays(7), window ?? TimeSpan.FromMinutes(30));

    [Theory]
    [InlineData("0.10")]
    [InlineData("0.125")]
    [InlineData("0.1525")]
    [InlineData("0.20")]
    public void ADeductionFromTenToTwentyPercentIsAccepted(string deduction)
    {
        var terms = Terms(decimal.Parse(deduction, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Same(terms, terms.Checked());
    }

    [Theory]
    [InlineData("0.0999")]
    [InlineData("0.2001")]
    [InlineData("0")]
    [InlineData("10")]
    public void ADeductionOutsideTenToTwentyPercentIsRefusedByName(string deduction)
    {
        var ex = Assert.Throws<DomainException>(() => Terms(decimal.Parse(deduction, System.Globalization.CultureInfo.InvariantCulture)).Checked());

        Assert.Equal("smallMicroPriceDeduction", ex.Field);
        Assert.Contains("between 10% and 20%", ex.Message);
    }

    [Fact]
    public void ADeductionFinerThanAHundredthOfAPercentIsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => Terms(0.12345m).Checked());

        Assert.Equal("smallMicroPriceDeduction", ex.Field);
    }

    [Fact]
    public void ANegativeStandstillIsRefusedAndZeroIsAccepted()
    {
        Assert.Equal("standstillPeriod", Assert.Throws<DomainException>(() => Terms(standstill: TimeSpan.FromSeconds(-1)).Checked()).Field);

        Terms(standstill: TimeSpan.Zero).Checked();
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("1.00:00:01")]
    public void AnOpeningWindowOfNothingOrMoreThanADayIsRefused(string window)
    {
        var ex = Assert.Throws<DomainException>(() => Terms(window: TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture)).Checked());

        Assert.Equal("decryptionWindow", ex.Field);
    }

    [Fact]
    public void ThePublishedTenderKeepsTheTermsItWasPublishedWith()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());
        Assert.Null(tender.Terms);

        tender.Publish(Now.AddDays(20), Now, _tenDays, Terms(0.15m, TimeSpan.FromDays(5), TimeSpan.FromHours(2)));

        Assert.Equal(new PublicationTerms(0.15m, TimeSpan.FromDays(5), TimeSpan.FromHours(2)), tender.Terms);
        Assert.Equal(0.15m, tender.SmallMicroPriceDeduction);
        Assert.Equal(TimeSpan.FromDays(5), tender.StandstillPeriod);
        Assert.Equal(TimeSpan.FromHours(2), tender.DecryptionWindow);
    }

    [Fact]
    public void WithoutTermsATenderIsPublishedWithTheDefaults()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());

        tender.Publish(Now.AddDays(20), Now, _tenDays);

        Assert.Equal(PublicationTerms.Default, tender.Terms);
    }

    [Fact]
    public void ARefusedDeductionLeavesTheTenderADraft()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());

        var ex = Assert.Throws<DomainException>(() => tender.Publish(Now.AddDays(20), Now, _tenDays, Terms(0.25m)));

        Assert.Equal("smallMicroPriceDeduction", ex.Field);
        Assert.Equal(TenderStatus.Draft, tender.Status);
        Assert.Null(tender.Terms);
        Assert.Null(tender.DeadlineUtc);
        Assert.Equal(0m, tender.SmallMicroPriceDeduction);
        Assert.All(tender.Lots, l => Assert.Equal(LotStatus.Draft, l.Status));
    }

    /// <summary>
    /// Criteria and weights and the qualification requirements need no copy on the tender: they live on the lots, and a
    /// published tender's lots cannot change (only an amendment notice may follow).
    /// </summary>
    [Fact]
    public void APublishedTendersCriteriaAndRequirementsCannotChange()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot(requirements: [QualificationRequirement.Certification("ISO 27001")]));
        tender.Publish(Now.AddDays(20), Now, _tenDays, Terms());
        var changed = ValidLot(requirements: [], criteria: [new AwardCriterion("Price", 100, isPrice: true)]);

        Assert.Throws<DomainException>(() => tender.UpdateLot(lot.Id, changed));
        Assert.Throws<DomainException>(() => tender.ReviseDraft(tender.Title, tender.Description, tender.Buyer, tender.BudgetYuan, tender.Category, [(lot.Id, changed)]));
        Assert.Throws<DomainException>(() => tender.AddLot(changed));
        Assert.Throws<DomainException>(() => tender.RemoveLot(lot.Id));
        Assert.Throws<DomainException>(() => tender.Publish(Now.AddDays(30), Now, _tenDays, Terms(0.20m)));

        Assert.Equal(["Price 40", "Technical solution 45", "Service and maintenance 15"], lot.Criteria.Select(c => $"{c.Name} {c.Weight}"));
        Assert.Equal("iso-27001", Assert.Single(lot.Requirements).CertificationKey);
        Assert.Equal(0.10m, tender.SmallMicroPriceDeduction);
    }
}
