using System.Security.Cryptography;
using System.Text;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>
/// The envelope sealed-bid/1 and the opening (电子招标投标办法 Art. 31, 34, 35): the worked test vector of docs/api.md,
/// decrypting with the bidder's key in the window, invalid and void bids, and when the opening is complete.
/// </summary>
public sealed class SealedBidTests
{
    private static readonly DateTime Deadline = Now.AddDays(14);

    // The worked example of docs/api.md, also computed with Python's `cryptography` (AESGCM) when it was written.
    private const string VectorKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string VectorIv = "AAECAwQFBgcICQoL";
    private const string VectorLot = "3f2c9a8e-5b1d-4c6e-9a7b-2d4e6f8a0b1c";
    private const string VectorPlaintext = """{"priceYuan":1234567.89,"proposal":"智慧路灯改造方案"}""";
    private const string VectorCiphertext = "PCCmaayGp0L4IPmpi9hKXrfjsQPeQ2ZQGheX6m0Gc9NtMpTeSViofvEDl1onYKmXCM3ZZNp2RUyGcYuROp6MTRUkKgB4CCMPVmMajvde";
    private const string VectorReceipt = "3ef256db800d13a5c735386696932db3f6d870bbabd79856a943e2f4d6689fea";

    private static (Tender Tender, Lot Lot) OpenLot()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());
        tender.Publish(Deadline, Now, TimeSpan.FromDays(10));
        return (tender, lot);
    }

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    [Fact]
    public void TheWorkedExampleSealsToTheDocumentedCiphertextAndReceipt()
    {
        var lotId = Guid.Parse(VectorLot);
        var body = ReferenceSealer.SealPlaintext(Convert.FromBase64String(VectorKey), lotId, Encoding.UTF8.GetBytes(VectorPlaintext), Convert.FromBase64String(VectorIv));

        Assert.Equal(VectorCiphertext, body.Sealed.Ciphertext);
        Assert.Equal(VectorReceipt, ReferenceSealer.Receipt(lotId, body.Sealed));
        var envelope = SealedEnvelope.Parse(body.Sealed.Format, body.Sealed.Iv, body.Sealed.Ciphertext);
        Assert.True(envelope.TryOpen(Convert.FromBase64String(VectorKey), SealedEnvelope.BidAad(lotId), out var plaintext));
        Assert.Equal(new BidContent(1234567.89m, "智慧路灯改造方案"), BidContent.Read(plaintext).Content);
        Assert.Equal(VectorReceipt, Bid.ReceiptOf(lotId, envelope, []));
    }

    [Fact]
    public void TheSameBodyUnderAnotherLotDoesNotOpen()
    {
        var key = Convert.FromBase64String(VectorKey);
        var envelope = SealedEnvelope.Parse("sealed-bid/1", VectorIv, VectorCiphertext);

        Assert.False(envelope.TryOpen(key, SealedEnvelope.BidAad(Guid.NewGuid()), out _));
        Assert.False(envelope.TryOpen(RandomNumberGenerator.GetBytes(32), SealedEnvelope.BidAad(Guid.Parse(VectorLot)), out _));
    }

    [Theory]
    [InlineData(null, VectorIv, VectorCiphertext, "sealed.format")]
    [InlineData("sealed-bid/2", VectorIv, VectorCiphertext, "sealed.format")]
    [InlineData("sealed-bid/1", "not base64!", VectorCiphertext, "sealed.iv")]
    [InlineData("sealed-bid/1", "AAECAwQFBgcICQ==", VectorCiphertext, "sealed.iv")]
    [InlineData("sealed-bid/1", VectorIv, "AAECAwQFBgcICQoLDA0ODw==", "sealed.ciphertext")]
    [InlineData("sealed-bid/1", VectorIv, null, "sealed.ciphertext")]
    public void AMalformedEnvelopeIsRefusedNamingItsField(string? format, string? iv, string? ciphertext, string field)
    {
        var ex = Assert.Throws<DomainException>(() => SealedEnvelope.Parse(format, iv, ciphertext));

        Assert.Equal(field, ex.Field);
        Assert.Equal(DomainErrorKind.Invalid, ex.Kind);
    }

    [Fact]
    public void AnOversizedCiphertextIsRefusedAsTooLarge()
    {
        var big = Convert.ToBase64String(new byte[SealedEnvelope.MaxCiphertextBytes + 1]);

        var ex = Assert.Throws<DomainException>(() => SealedEnvelope.Parse("sealed-bid/1", VectorIv, big));

        Assert.Equal((DomainErrorKind.TooLarge, "sealed.ciphertext"), (ex.Kind, ex.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8AAQ==")]
    public void AKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedNamingKey(string key)
    {
        Assert.Equal("key", Assert.Throws<DomainException>(() => SealedEnvelope.ParseKey(key)).Field);
    }

    [Fact]
    public void ItsBidderOpensTheBidInTheWindowAndTheOpeningCloses()
    {
        var (tender, lot) = OpenLot();
        var bid = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 765_432.10m, "方案", Now.AddDays(1));
        tender.BeginOpeningIfDue(Deadline);

        bid.Unseal(lot, KeyOf(bid), _ => null, Deadline.AddMinutes(5));
        var voided = lot.CompleteOpening([bid], Deadline.AddMinutes(5));

        Assert.Equal((BidStatus.Opened, 765_432.10m, "方案"), (bid.Status, bid.PriceYuan, bid.Proposal));
        Assert.Equal(Deadline.AddMinutes(5), bid.OpenedAtUtc);
        Assert.Empty(voided!);
        Assert.Equal((LotStatus.Closed, Deadline.AddMinutes(5)), (lot.Status, lot.OpeningClosedAtUtc));
    }

    [Fact]
    public void AWrongKeyIsRefusedNamingKeyAndTheBidStaysSealed()
    {
        var (tender, lot) = OpenLot();
        var bid = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 1_000m, "方案", Now.AddDays(1));
        tender.BeginOpeningIfDue(Deadline);
        var version = bid.Version;

        var ex = Assert.Throws<DomainException>(() => bid.Unseal(lot, RandomNumberGenerator.GetBytes(32), _ => null, Deadline.AddMinutes(1)));

        Assert.Equal(("key", DomainErrorKind.Invalid), (ex.Field, ex.Kind));
        Assert.Equal((BidStatus.Sealed, version), (bid.Status, bid.Version));
        Assert.Null(bid.OpeningKey);
        bid.Unseal(lot, KeyOf(bid), _ => null, Deadline.AddMinutes(2));
        Assert.Equal(BidStatus.Opened, bid.Status);
    }

    [Fact]
    public void NoUnsealingBeforeTheDeadlineAfterTheWindowOrTwice()
    {
        var (tender, lot) = OpenLot();
        var early = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 1_000m, "方案", Now.AddDays(1));
        var late = SealedBid(tender, lot, SupplierOfSize(SizeClass.Medium), 2_000m, "方案", Now.AddDays(1));

        var before = Assert.Throws<DomainException>(() => early.Unseal(lot, KeyOf(early), _ => null, Now.AddDays(2)));
        tender.BeginOpeningIfDue(Deadline);
        early.Unseal(lot, KeyOf(early), _ => null, Deadline.AddMinutes(1));
        var twice = Assert.Throws<DomainException>(() => early.Unseal(lot, KeyOf(early), _ => null, Deadline.AddMinutes(2)));
        var after = Assert.Throws<DomainException>(() => late.Unseal(lot, KeyOf(late), _ => null, Deadline.AddMinutes(30)));

        Assert.All([before, twice, after], ex => Assert.Equal(DomainErrorKind.Conflict, ex.Kind));
        Assert.Contains("deadline", before.Message);
        Assert.Contains("already opened", twice.Message);
        Assert.Contains("Art. 35", after.Message);
        Assert.Equal(BidStatus.Sealed, late.Status);
    }

    [Fact]
    public void TheOpeningGoesOnWhileABidIsSealedAndAtTheWindowsEndTheSealedBidsAreVoid()
    {
        var (tender, lot) = OpenLot();
        var opened = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 1_000m, "方案", Now.AddDays(1));
        var forgotten = SealedBid(tender, lot, SupplierOfSize(SizeClass.Medium), 2_000m, "方案", Now.AddDays(1));
        var withdrawn = SealedBid(tender, lot, SupplierOfSize(SizeClass.Micro), 3_000m, "方案", Now.AddDays(1));
        withdrawn.Withdraw(Deadline, Now.AddDays(2));
        tender.BeginOpeningIfDue(Deadline.AddMinutes(2));
        opened.Unseal(lot, KeyOf(opened), _ => null, Deadline.AddMinutes(3));

        Assert.Null(lot.CompleteOpening([opened, forgotten, withdrawn], Deadline.AddMinutes(29)));
        var voided = lot.CompleteOpening([opened, forgotten, withdrawn], Deadline.AddMinutes(30));

        Assert.Equal([forgotten], voided!);
        Assert.Equal((BidStatus.Void, OpeningFault.NotDecrypted), (forgotten.Status, forgotten.Fault));
        Assert.Equal(BidStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(LotStatus.Closed, lot.Status);
        Assert.Null(lot.CompleteOpening([opened, forgotten], Deadline.AddMinutes(31)));
    }

    [Fact]
    public void ALotWithoutBidsClosesAsSoonAsItsOpeningBegins()
    {
        var (tender, lot) = OpenLot();
        tender.BeginOpeningIfDue(Deadline);

        Assert.Empty(lot.CompleteOpening([], Deadline)!);
        Assert.Equal(LotStatus.Closed, lot.Status);
    }

    [Fact]
    public void ContentThatIsNotABidOpensAsInvalid()
    {
        var (tender, lot) = OpenLot();
        var key = RandomNumberGenerator.GetBytes(32);
        var envelope = SealedEnvelope.Seal(key, Encoding.UTF8.GetBytes("just text"), SealedEnvelope.BidAad(lot.Id));
        var bid = Bid.Submit(tender, lot, SupplierOfSize(SizeClass.Small), Table, envelope, Now.AddDays(1));
        tender.BeginOpeningIfDue(Deadline);

        bid.Unseal(lot, key, _ => null, Deadline.AddMinutes(1));

        Assert.Equal((BidStatus.Invalid, OpeningFault.NotBidContent), (bid.Status, bid.Fault));
        Assert.Null(bid.PriceYuan);
        Assert.NotNull(bid.OpeningKey);
    }

    [Fact]
    public void AttachmentsAreCheckedAtTheOpeningAndReadOnlyAfterIt()
    {
        var (tender, lot) = OpenLot();
        var bids = Enumerable.Range(0, 4).Select(i => SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 1_000m + i, "方案", Now.AddDays(1))).ToArray();
        var uploads = new Dictionary<Guid, byte[]>();
        BidAttachment Attach(Bid bid, string name, byte[] upload)
        {
            var attachment = bid.Attach(name, upload.Length, BidAttachment.HashOf(upload), Deadline, Now.AddDays(2));
            uploads[attachment.Id] = upload;
            return attachment;
        }
        var good = Attach(bids[0], "技术方案.pdf", ReferenceSealer.SealAttachment(KeyOf(bids[0]), lot.Id, "技术方案.pdf", Pdf("fine")));
        Attach(bids[1], "resume.pdf", ReferenceSealer.SealAttachment(KeyOf(bids[1]), lot.Id, "resume.pdf", Encoding.ASCII.GetBytes("PK\u0003\u0004 not a pdf")));
        Attach(bids[2], "other-key.pdf", ReferenceSealer.SealAttachment(RandomNumberGenerator.GetBytes(32), lot.Id, "other-key.pdf", Pdf("x")));
        var altered = Attach(bids[3], "altered.pdf", ReferenceSealer.SealAttachment(KeyOf(bids[3]), lot.Id, "altered.pdf", Pdf("y")));
        // Flip every bit of one byte: whatever the random ciphertext held there, it is changed.
        uploads[altered.Id] = [.. uploads[altered.Id].Take(40), (byte)(uploads[altered.Id][40] ^ 0xFF), .. uploads[altered.Id].Skip(41)];
        Assert.Null(bids[0].OpenAttachment(good, uploads[good.Id]));
        tender.BeginOpeningIfDue(Deadline);

        foreach (var bid in bids)
        {
            bid.Unseal(lot, KeyOf(bid), a => uploads[a.Id], Deadline.AddMinutes(1));
        }

        Assert.Equal(BidStatus.Opened, bids[0].Status);
        Assert.Equal(Pdf("fine"), bids[0].OpenAttachment(good, uploads[good.Id]));
        Assert.Equal((BidStatus.Invalid, OpeningFault.AttachmentNotPdf, "resume.pdf"), (bids[1].Status, bids[1].Fault, bids[1].FaultDetail));
        Assert.Equal((OpeningFault.AttachmentNotOpened, "other-key.pdf"), (bids[2].Fault, bids[2].FaultDetail));
        Assert.Equal((OpeningFault.AttachmentAltered, "altered.pdf"), (bids[3].Fault, bids[3].FaultDetail));
    }

    [Fact]
    public void ATamperedReceiptMakesTheOpenedBidInvalid()
    {
        var (tender, lot) = OpenLot();
        var bid = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 1_000m, "方案", Now.AddDays(1));
        // What an operator with database access could do: attach a document row without touching the receipt.
        typeof(Bid).GetProperty(nameof(Bid.Sha256))!.SetValue(bid, new string('0', 64));
        tender.BeginOpeningIfDue(Deadline);

        bid.Unseal(lot, KeyOf(bid), _ => null, Deadline.AddMinutes(1));

        Assert.Equal((BidStatus.Invalid, OpeningFault.ReceiptMismatch), (bid.Status, bid.Fault));
    }
}
