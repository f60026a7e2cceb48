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
        SealedBid(tender, lot, supplier ?? SupplierOfSize(SizeClass.Small), price, proposal, at ?? Now.AddDays(1));

    private static SealedEnvelope NewEnvelope(Lot lot, decimal price = 1_000m, string proposal = "Proposal") =>
        Seal(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), lot, price, proposal);

    /// <summary>The receipt as a bidder computes it from what it sent (docs/api.md).</summary>
    private static string Receipt(Bid bid, params string[] attachmentLines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            new[] { "sealed-bid/1", bid.LotId.ToString("D"), Convert.ToBase64String(bid.SealedIv!), Convert.ToBase64String(bid.SealedCiphertext!) }
                .Concat(attachmentLines)))));

    [Fact]
    public void AnEligibleSmeBidsBeforeTheDeadlineAndGetsAReceipt()
    {
        var (tender, lot) = OpenLot(reservedForSmes: true);
        var supplier = SupplierOfSize(SizeClass.Small);

        var bid = Submit(tender, lot, supplier);

        Assert.Equal(lot.Id, bid.LotId);
        Assert.Equal(supplier.Id, bid.SupplierId);
        Assert.Null(bid.PriceYuan);
        Assert.Null(bid.Proposal);
        Assert.Equal(BidStatus.Sealed, bid.Status);
        Assert.Equal(1, bid.Version);
        Assert.Equal(Now.AddDays(1), bid.SubmittedAtUtc);
        Assert.Matches("^[0-9a-f]{64}$", bid.Sha256);
    }

    [Fact]
    public void TheReceiptHashIsTheSha256OfTheCiphertext()
    {
        var (tender, lot) = OpenLot();

        var bid = Submit(tender, lot);

        Assert.Equal(Receipt(bid), bid.Sha256);
        Assert.DoesNotContain("987654", Encoding.UTF8.GetString(bid.SealedCiphertext!));
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
        Assert.Contains("CMMI Maturity Level 5", ex.Message);
    }

    [Fact]
    public void NoBidOnADraftLot()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());

        var ex = Assert.Throws<DomainException>(() => Bid.Submit(tender, lot, SupplierOfSize(SizeClass.Small), Table, NewEnvelope(lot), Now));

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
    public void NoBidOnALotWhoseOpeningHasBegun()
    {
        var (tender, lot) = OpenLot();
        tender.BeginOpeningIfDue(Deadline);

        var ex = Assert.Throws<DomainException>(() => Submit(tender, lot, at: Deadline.AddDays(-1)));

        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Contains("no longer accepts bids", ex.Message);
    }

    [Theory]
    [InlineData("0", OpeningFault.PriceNotPositive)]
    [InlineData("-0.01", OpeningFault.PriceNotPositive)]
    [InlineData("100.001", OpeningFault.PriceNotInFen)]
    public void APriceThatIsNotAPositiveAmountInFenMakesTheOpenedBidInvalid(string price, OpeningFault fault)
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot, price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        OpenAll(tender, Deadline, bid);

        Assert.Equal(BidStatus.Invalid, bid.Status);
        Assert.Equal(fault, bid.Fault);
        Assert.Null(bid.PriceYuan);
    }

    [Fact]
    public void AnEmptyOrOversizedProposalMakesTheOpenedBidInvalid()
    {
        var (tender, lot) = OpenLot();
        var empty = Submit(tender, lot, proposal: "  ");
        var oversized = Submit(tender, lot, proposal: new string('x', Bid.ProposalMaxLength + 1));

        OpenAll(tender, Deadline, empty, oversized);

        Assert.Equal((BidStatus.Invalid, OpeningFault.ProposalMissing), (empty.Status, empty.Fault));
        Assert.Equal((BidStatus.Invalid, OpeningFault.ProposalTooLong), (oversized.Status, oversized.Fault));
    }

    [Fact]
    public void AReplacementResealsTheBidWithANewHashAndVersion()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);
        var firstHash = bid.Sha256;

        bid.Replace(tender, lot, supplier, Table, NewEnvelope(lot, 900_000m, "Better proposal."), Now.AddDays(2));

        Assert.Equal(2, bid.Version);
        Assert.Null(bid.PriceYuan);
        Assert.Equal(Receipt(bid), bid.Sha256);
        Assert.Equal(Now.AddDays(2), bid.SubmittedAtUtc);
        Assert.NotEqual(firstHash, bid.Sha256);
    }

    [Fact]
    public void AFailedReplacementLeavesTheBidAsItWas()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);
        bid.Attach("a.pdf", 100, new string('a', 64), Deadline, Now.AddDays(1));
        var (hash, iv, version) = (bid.Sha256, bid.SealedIv, bid.Version);

        Assert.Throws<DomainException>(() => bid.Replace(tender, lot, supplier, Table, NewEnvelope(lot), Deadline));

        Assert.Equal((hash, iv, version), (bid.Sha256, bid.SealedIv, bid.Version));
        Assert.Single(bid.Attachments);
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

        bid.Replace(tender, lot, supplier, Table, NewEnvelope(lot), Now.AddDays(3));

        Assert.Equal(BidStatus.Sealed, bid.Status);
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
    public void TheOpeningBeginsOnceTheDeadlineHasPassedAndOnlyOnce()
    {
        var (tender, lot) = OpenLot();

        Assert.Empty(tender.BeginOpeningIfDue(Deadline.AddSeconds(-1)));
        Assert.Equal([lot], tender.BeginOpeningIfDue(Deadline.AddMinutes(3)));
        Assert.Empty(tender.BeginOpeningIfDue(Deadline.AddDays(1)));
        Assert.Equal(LotStatus.Opening, lot.Status);
        Assert.Equal(Deadline + TimeSpan.FromMinutes(30), lot.OpeningEndsAtUtc);
    }

    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    [Fact]
    public void AnAttachmentIsSealedIntoTheReceiptWithANewTimeAndVersion()
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);
        var firstHash = bid.Sha256;

        var attachment = bid.Attach(@"C:\Users\me\技术方案.pdf", 12_345, HashA, Deadline, Now.AddDays(2));

        Assert.Equal("技术方案.pdf", attachment.FileName);
        Assert.Equal((12_345L, HashA, Now.AddDays(2)), (attachment.SizeBytes, attachment.Sha256, attachment.UploadedAtUtc));
        Assert.Equal([attachment], bid.Attachments);
        Assert.Equal((2, Now.AddDays(2)), (bid.Version, bid.SubmittedAtUtc));
        Assert.NotEqual(firstHash, bid.Sha256);
    }

    [Fact]
    public void TheReceiptHashCoversOneLinePerAttachmentInOrder()
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);

        bid.Attach("one.pdf", 100, HashA, Deadline, Now.AddDays(2));
        bid.Attach("two.pdf", 200, HashB, Deadline, Now.AddDays(3));

        Assert.Equal(Receipt(bid, $"attachment {HashA} one.pdf", $"attachment {HashB} two.pdf"), bid.Sha256);
    }

    [Fact]
    public void ABidCarriesAtMostTenAttachmentsAndEachNameOnce()
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);
        for (var i = 0; i < Bid.MaxAttachments; i++)
        {
            bid.Attach($"doc{i}.pdf", 100, i.ToString("x64"), Deadline, Now.AddDays(2));
        }
        var (hash, version) = (bid.Sha256, bid.Version);

        var eleventh = Assert.Throws<DomainException>(() => bid.Attach("more.pdf", 100, HashA, Deadline, Now.AddDays(2)));
        bid.RemoveAttachment(bid.Attachments[0].Id, Deadline, Now.AddDays(2));
        var duplicate = Assert.Throws<DomainException>(() => bid.Attach("doc1.pdf", 100, HashB, Deadline, Now.AddDays(2)));

        Assert.Equal(DomainErrorKind.Conflict, eleventh.Kind);
        Assert.Contains("10", eleventh.Message);
        Assert.Equal(DomainErrorKind.Conflict, duplicate.Kind);
        Assert.Contains("name", duplicate.Message);
        Assert.Equal(Bid.MaxAttachments - 1, bid.Attachments.Count);
        Assert.Equal(version + 1, bid.Version);
        Assert.NotEqual(hash, bid.Sha256);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("folder/", "name")]
    [InlineData("a\nattachment forged.pdf", "control characters")]
    public void AnAttachmentNeedsAPlainFileName(string fileName, string reason)
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);

        var ex = Assert.Throws<DomainException>(() => bid.Attach(fileName, 100, HashA, Deadline, Now.AddDays(2)));

        Assert.Equal("file", ex.Field);
        Assert.Contains(reason, ex.Message);
        Assert.Empty(bid.Attachments);
        Assert.Equal(1, bid.Version);
    }

    [Fact]
    public void NoAttachmentChangeAtTheDeadlineOrOnAWithdrawnBid()
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);
        var attachment = bid.Attach("a.pdf", 100, HashA, Deadline, Now.AddDays(2));
        var withdrawn = Submit(tender, lot);
        withdrawn.Withdraw(Deadline, Now.AddDays(2));

        var late = Assert.Throws<DomainException>(() => bid.Attach("b.pdf", 100, HashB, Deadline, Deadline));
        var lateRemoval = Assert.Throws<DomainException>(() => bid.RemoveAttachment(attachment.Id, Deadline, Deadline.AddHours(1)));
        var onWithdrawn = Assert.Throws<DomainException>(() => withdrawn.Attach("b.pdf", 100, HashB, Deadline, Now.AddDays(3)));

        Assert.All([late, lateRemoval, onWithdrawn], ex => Assert.Equal(DomainErrorKind.Conflict, ex.Kind));
        Assert.Contains("deadline", late.Message);
        Assert.Contains("withdrawn", onWithdrawn.Message);
        Assert.Equal([attachment], bid.Attachments);
        Assert.Empty(withdrawn.Attachments);
    }

    [Fact]
    public void RemovingAnAttachmentResealsTheBidAndAnUnknownOneIsRefused()
    {
        var (tender, lot) = OpenLot();
        var bid = Submit(tender, lot);
        var first = bid.Attach("a.pdf", 100, HashA, Deadline, Now.AddDays(2));
        var second = bid.Attach("b.pdf", 100, HashB, Deadline, Now.AddDays(2));
        var hashWithBoth = bid.Sha256;

        var removed = bid.RemoveAttachment(first.Id, Deadline, Now.AddDays(3));
        var unknown = Assert.Throws<DomainException>(() => bid.RemoveAttachment(Guid.NewGuid(), Deadline, Now.AddDays(3)));

        Assert.Same(first, removed);
        Assert.Equal([second], bid.Attachments);
        Assert.Equal((4, Now.AddDays(3)), (bid.Version, bid.SubmittedAtUtc));
        Assert.NotEqual(hashWithBoth, bid.Sha256);
        Assert.Equal("attachmentId", unknown.Field);
    }

    [Fact]
    public void WithdrawingABidReturnsItsAttachmentsSoTheirFilesCanBeDeleted()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);
        var attachments = new[] { bid.Attach("a.pdf", 100, HashA, Deadline, Now.AddDays(2)), bid.Attach("b.pdf", 100, HashB, Deadline, Now.AddDays(2)) };

        var removed = bid.Withdraw(Deadline, Now.AddDays(3));
        var versionWithdrawn = bid.Version;
        bid.Replace(tender, lot, supplier, Table, NewEnvelope(lot), Now.AddDays(4));

        Assert.Equal(attachments, removed);
        Assert.Empty(bid.Attachments);
        Assert.Equal((4, 5), (versionWithdrawn, bid.Version));
    }

    [Theory]
    [InlineData("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF", null)]
    [InlineData("%PDF-1.4\n%%EOF\r\n\r\n", null)]
    [InlineData("PK\u0003\u0004 a zip file renamed to .pdf %%EOF", "not a PDF")]
    [InlineData("<html>%PDF-1.4 %%EOF</html>", "not a PDF")]
    [InlineData("%PDF-1.4\n1 0 obj <<>> endobj", "%%EOF")]
    [InlineData("", "not a PDF")]
    public void OnlyBytesThatAreReallyAPdfAreAccepted(string content, string? refusal)
    {
        var bytes = Encoding.ASCII.GetBytes(content);
        var end = bytes.Length > BidAttachment.EndMarkerWindow ? bytes[^BidAttachment.EndMarkerWindow..] : bytes;

        var ex = Record.Exception(() => BidAttachment.EnsurePdf(bytes, end));

        if (refusal is null)
        {
            Assert.Null(ex);
        }
        else
        {
            Assert.Contains(refusal, Assert.IsType<DomainException>(ex).Message);
        }
    }

    [Fact]
    public void TheEndMarkerMustBeNearTheEndOfTheFile()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n" + new string(' ', BidAttachment.EndMarkerWindow));

        var ex = Assert.Throws<DomainException>(() => BidAttachment.EnsurePdf(bytes, bytes));

        Assert.Contains("%%EOF", ex.Message);
    }

    [Theory]
    [InlineData(20 * 1024 * 1024, "20 MB")]
    [InlineData(1536 * 1024, "1.5 MB")]
    [InlineData(64 * 1024, "64 KB")]
    [InlineData(512, "512 bytes")]
    public void TheSizeLimitIsNamedInTheRefusal(long maxBytes, string named)
    {
        var ex = BidAttachment.TooLarge(maxBytes);

        Assert.Equal(DomainErrorKind.TooLarge, ex.Kind);
        Assert.Equal("file", ex.Field);
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void ABidKeepsTheSizeClassDeclaredWithItWhenTheProfileChangesLater()
    {
        var (tender, lot) = OpenLot();
        var supplier = SupplierOfSize(SizeClass.Small);
        var bid = Submit(tender, lot, supplier);

        supplier.UpdateProfile(ValidProfile(employees: 500, revenueYuan: 200_000_000m), Table, Now.AddDays(2));

        Assert.Equal(SizeClass.Large, supplier.SizeClass);
        Assert.Equal(SizeClass.Small, bid.SizeClass);
        Assert.Contains("小型企业", bid.Declaration);
    }
}
