using System.Security.Cryptography;
using System.Text;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

public sealed class BidTests
{
    private static readonly DateTime Deadline = Now.AddDays(14);

    private static (Tender Tender, Lot Lot) OpenLot(bool reservedForSmes = false, IReadOnlyList<QualificationRequirement>? requirements = null)
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot(reservedForSmes: reservedForSmes, requirements: requirements));
        tender.Publish(Deadline, Now, TimeSpan.FromDays(10));
        return (tender, lot);
    }

    private static Bid Submit(Tender tender, Lot lot, Supplier? supplier = null, decimal price = 987_654.32m, string proposal = "Our proposal.", DateTime? at = null) =>
        Bid.Submit(tender, lot, supplier ?? SupplierOfSize(SizeClass.Small), Table, price, proposal, at ?? Now.AddDays(1));

    [Fact]
    public void AnEligibleSmeBidsBeforeTheDeadlineAndGetsAReceipt()
    {
        var (tender, lot) = OpenLot(reservedForSmes: true);
        var supplier = SupplierOfSize(SizeClass.Small);

        var bid = Submit(tender, lot, supplier);

        Assert.Equal(lot.Id, bid.LotId);
        Assert.Equal(supplier.Id, bid.SupplierId);
        Assert.Equal(987_654.32m, bid.PriceYuan);
        Assert.Equal(BidStatus.Active, bid.Status);
        Assert.Equal(1, bid.Version);
        Assert.Equal(Now.AddDays(1), bid.SubmittedAtUtc);
        Assert.Matches("^[0-9a-f]{64}$", bid.Sha256);
    }

    [Fact]
    public void TheReceiptHashIsTheSha256OfTheSealedContent()
    {
        var (tender, lot) = OpenLot();

        var bid = Submit(tender, lot);

        var content = string.Join('\n', bid.LotId.ToString("D"), bid.SupplierId.ToString("D"), "987654.32",
            bid.SubmittedAtUtc.ToString("O"), bid.Proposal, bid.Declaration);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), bid.Sha256);
    }

    [Fact]
    public void AnSmeBidCarriesTheDeclarationLetterFilledFromItsProfile()
    {
        var (tender, lot) = OpenLot(reservedForSmes: true);
        var supplier = SupplierOfSize(SizeClass.Small);

        var bid = Submit(tender, lot, supplier);

        Assert.Contains("中小企业声明函", bid.Declaration);
        Assert.Contains("财库〔2020〕46号", bid.Declaration);
        Assert.Contains(tender.Buyer, bid.Declaration);
        Assert.Contains(tender.Title, bid.Declaration);
        Assert.Contains(supplier.Name, bid.Declaration);
        Assert.Contains("从业人员120人", bid.Declaration);
        Assert.Contains("营业收入为800万元", bid.Declaration);
        Assert.Contains("属于小型企业", bid.Declaration);
        Assert.Contains(Table.Get(supplier.IndustryKey).NameZh, bid.Declaration);
    }

    [Fact]
    public void ALargeFirmMayBidOnAnOpenLotWithoutADeclaration()
    {
        var (tender, lot) = OpenLot(reservedForSmes: false);

        var bid = Submit(tender, lot, SupplierOfSize(SizeClass.Large));

        Assert.Equal("", bid.Declaration);
    }

    [Fact]
    public void ALargeFirmIsRefusedOnAReservedLotWithTheReason()
    {
        var (tender, lot) = OpenLot(reservedForSmes: true);

        var ex = Assert.Throws<DomainException>(() => Submit(tender, lot, SupplierOfSize(SizeClass.Large)));

        Assert.Equal(DomainErrorKind.Forbidden, ex.Kind);
        Assert.Contains("reserved", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ASupplierMissingARequirementIsRefusedWithThatRequirement()
    {
        var (tender, lot) = OpenLot(requirements: [QualificationRequirement.Certification("CMMI 5")]);

        var ex = Assert.Throws<DomainException>(() => Submit(tender, lot));

        Assert.Equal(DomainErrorKind.Forbidden, ex.Kind);
        Assert.Contains("CMMI 5", ex.Message);
    }

    [Fact]
    public void NoBidOnADraftLot()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());

        var ex = Assert.Throws<DomainException>(() => Bid.Submit(tender, lot, SupplierOfSize(SizeClass.Small), Table, 1_000m, "Proposal", Now));

        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Contains("not published", ex.Message);
    }

    [Fact]
    public void NoBidAtOrAfterTheDeadlineEvenBeforeTheLotIsClosed()
    {
        var (tender, lot) = OpenLot();

        var atDeadline = Assert.Throws<DomainException>(() => Submit(tender, lot, at: Deadline));
        var after = Assert.Throws<DomainException>(() => Submit(tender, lot, at: Deadline.AddSeconds(1)));

        Assert.Equal(DomainErrorKind.Conflict, atDeadline.Kind);
        Assert.Contains("deadline", after.Message);
        Assert.Equal(LotStatus.Open, lot.Status);
    }

    [Fact]
    public void NoBidOnAClosedLot()
    {
        var (tender, lot) = OpenLot();
        tender.CloseIfDue(Deadline);

        var ex = Assert.Throws<DomainException>(() => Submit(tender, lot, at: Deadline.AddDays(-1)));

        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Contains("closed", ex.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("100.001")]
    public void RejectsAPriceThatIsNotAPositiveAmountInFen(string price)
    {
        var (tender, lot) = OpenLot();

        var ex = Assert.Throws<DomainException>(() => Submit(tender, lot, price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("priceYuan", ex.Field);
        Assert.Equal(DomainErrorKind.Invalid, ex.Kind);
    }

    [Fact]
    public void RejectsAnEmptyOrOversizedProposal()
    {
        var (tender, lot) = OpenLot();

        Assert.Equal("proposal", Assert.Throws<DomainException>(() => Submit(tender, lot, proposal: "  ")).Field);
        Assert.Equal("proposal", Assert.Throws<DomainException>(() => Submit(tender, lot, proposal: new string('x', Bid.ProposalMaxLength + 1))).Field);
    }

    [Fact]
    public void AReplacementResealsTheBidWithANewHashAndVersion()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);
        var firstHash = bid.Sha256;

        bid.Replace(tender, lot, supplier, Table, 900_000m, "Better proposal.", Now.AddDays(2));

        Assert.Equal(2, bid.Version);
        Assert.Equal(900_000m, bid.PriceYuan);
        Assert.Equal("Better proposal.", bid.Proposal);
        Assert.Equal(Now.AddDays(2), bid.SubmittedAtUtc);
        Assert.NotEqual(firstHash, bid.Sha256);
    }

    [Fact]
    public void AFailedReplacementLeavesTheBidAsItWas()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);
        var (hash, price, version) = (bid.Sha256, bid.PriceYuan, bid.Version);

        Assert.Throws<DomainException>(() => bid.Replace(tender, lot, supplier, Table, -5m, "Proposal", Now.AddDays(2)));
        Assert.Throws<DomainException>(() => bid.Replace(tender, lot, supplier, Table, 5m, "Proposal", Deadline));

        Assert.Equal((hash, price, version), (bid.Sha256, bid.PriceYuan, bid.Version));
    }

    [Fact]
    public void ABidIsWithdrawnBeforeTheDeadlineOnlyAndOnce()
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);
        var late = Submit(tender, lot);

        bid.Withdraw(Deadline, Now.AddDays(3));

        Assert.Equal(BidStatus.Withdrawn, bid.Status);
        Assert.Equal(Now.AddDays(3), bid.WithdrawnAtUtc);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => bid.Withdraw(Deadline, Now.AddDays(4))).Kind);
        Assert.Contains("deadline", Assert.Throws<DomainException>(() => late.Withdraw(Deadline, Deadline)).Message);
    }

    [Fact]
    public void AWithdrawnBidCanBeSubmittedAgainBeforeTheDeadline()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);
        bid.Withdraw(Deadline, Now.AddDays(2));

        bid.Replace(tender, lot, supplier, Table, 1_000m, "Back in.", Now.AddDays(3));

        Assert.Equal(BidStatus.Active, bid.Status);
        Assert.Null(bid.WithdrawnAtUtc);
    }

    [Theory]
    [InlineData(BidReader.Bidder, -1, true)]
    [InlineData(BidReader.Officer, -1, false)]
    [InlineData(BidReader.AssignedEvaluator, -1, false)]
    [InlineData(BidReader.Other, -1, false)]
    [InlineData(BidReader.Bidder, 0, true)]
    [InlineData(BidReader.Officer, 0, true)]
    [InlineData(BidReader.AssignedEvaluator, 0, true)]
    [InlineData(BidReader.Other, 0, false)]
    [InlineData(BidReader.Other, 30, false)]
    public void BidsAreSealedUntilTheDeadline(BidReader reader, int minutesAfterDeadline, bool mayRead)
    {
        Assert.Equal(mayRead, Bid.MayBeReadBy(reader, Deadline, Deadline.AddMinutes(minutesAfterDeadline)));
    }

    [Fact]
    public void TheLotsCloseOnceTheDeadlineHasPassedAndOnlyOnce()
    {
        var (tender, lot) = OpenLot();

        Assert.Empty(tender.CloseIfDue(Deadline.AddSeconds(-1)));
        Assert.Equal([lot], tender.CloseIfDue(Deadline));
        Assert.Empty(tender.CloseIfDue(Deadline.AddDays(1)));
        Assert.Equal(LotStatus.Closed, lot.Status);
    }
}
