using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Domain.Bids;

/// <summary>
/// A sealed offer by a supplier for a lot: one per supplier and lot, replaced or withdrawn until the deadline and
/// never after. Its SHA-256 over the sealed content is the bidder's receipt. Nobody but the bidder may read it before
/// the deadline; that is enforced where bids are read (<see cref="MayBeReadBy"/>).
/// </summary>
public sealed class Bid
{
    public const int ProposalMaxLength = 20_000;
    public const int MaxAttachments = 10;

    private readonly List<BidAttachment> _attachments = [];

    private Bid()
    {
        Proposal = Sha256 = Declaration = "";
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public Guid SupplierId { get; private set; }
    public decimal PriceYuan { get; private set; }
    public string Proposal { get; private set; }

    /// <summary>
    /// The size class the bidder declared with this submission (from its profile at that moment). The price deduction,
    /// the award notice and the subsidy follow it, whatever the profile says later (财库〔2020〕46号: the declaration letter
    /// submitted with the bid is what counts).
    /// </summary>
    public SizeClass SizeClass { get; private set; }

    /// <summary>The SME declaration letter (中小企业声明函) as generated from the profile when the bid was submitted.</summary>
    public string Declaration { get; private set; }

    /// <summary>Hash of the sealed content given to the bidder as a receipt.</summary>
    public string Sha256 { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }
    public BidStatus Status { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }

    /// <summary>
    /// How many times the bid changed (1 for the first submission, +1 per replacement, attachment change or withdrawal);
    /// also the concurrency token, so two changes made at once cannot both win silently.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>PDF documents sealed with the bid, in the order they were attached.</summary>
    public IReadOnlyList<BidAttachment> Attachments => _attachments;

    /// <summary>
    /// Submits a first bid: the lot must be open, the deadline not passed, and the supplier eligible on every
    /// requirement (a large firm is refused on a reserved lot with the reason).
    /// </summary>
    public static Bid Submit(Tender tender, Lot lot, Supplier supplier, SizeThresholdTable thresholds, decimal priceYuan, string proposal, DateTime nowUtc)
    {
        var bid = new Bid { Id = Guid.NewGuid(), LotId = lot.Id, SupplierId = supplier.Id };
        bid.Seal(tender, lot, supplier, thresholds, priceYuan, proposal, nowUtc);
        return bid;
    }

    /// <summary>Replaces the content of the bid (or submits it again after a withdrawal) before the deadline.</summary>
    public void Replace(Tender tender, Lot lot, Supplier supplier, SizeThresholdTable thresholds, decimal priceYuan, string proposal, DateTime nowUtc)
    {
        if (lot.Id != LotId || supplier.Id != SupplierId)
        {
            throw new InvalidOperationException("A bid can only be replaced by its own bidder for its own lot.");
        }
        Seal(tender, lot, supplier, thresholds, priceYuan, proposal, nowUtc);
    }

    /// <summary>
    /// Withdraws the bid before the deadline. Its attachments go with it; the removed ones are returned so that their
    /// files can be deleted.
    /// </summary>
    public IReadOnlyList<BidAttachment> Withdraw(DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureBeforeDeadline(deadlineUtc, Guard.Utc(nowUtc, "now"));
        if (Status == BidStatus.Withdrawn)
        {
            throw DomainException.Conflict("This bid is already withdrawn.");
        }
        Status = BidStatus.Withdrawn;
        WithdrawnAtUtc = nowUtc;
        // A change like any other: an attachment being added at the same moment must not land on the withdrawn bid.
        Version++;
        var removed = _attachments.ToList();
        _attachments.Clear();
        return removed;
    }

    /// <summary>
    /// Seals a PDF with the active bid before the deadline: the receipt (time and hash) is renewed to cover it. The
    /// caller has checked that the bytes are a PDF within the size limit and computed their SHA-256.
    /// </summary>
    public BidAttachment Attach(string fileName, long sizeBytes, string sha256, DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureActiveBeforeDeadline(deadlineUtc, Guard.Utc(nowUtc, "now"));
        var name = BidAttachment.ValidFileName(fileName);
        if (sizeBytes <= 0)
        {
            throw new DomainException("The file is empty.", "file");
        }
        if (sha256.Length != 64 || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw new ArgumentException("The SHA-256 must be 64 lowercase hex digits.", nameof(sha256));
        }
        if (_attachments.Count >= MaxAttachments)
        {
            throw DomainException.Conflict($"A bid carries at most {MaxAttachments} attachments; remove one first.", "file");
        }
        if (_attachments.FirstOrDefault(a => a.Sha256 == sha256) is { } same)
        {
            throw DomainException.Conflict($"This document is already attached to your bid as \"{same.FileName}\".", "file");
        }
        var attachment = new BidAttachment(name, sizeBytes, sha256, nowUtc);
        _attachments.Add(attachment);
        Reseal(nowUtc);
        return attachment;
    }

    /// <summary>Removes an attachment before the deadline and renews the receipt; returns the removed attachment.</summary>
    public BidAttachment RemoveAttachment(Guid attachmentId, DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureActiveBeforeDeadline(deadlineUtc, Guard.Utc(nowUtc, "now"));
        var attachment = _attachments.SingleOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainException("Your bid has no attachment with this id.", "attachmentId");
        _attachments.Remove(attachment);
        Reseal(nowUtc);
        return attachment;
    }

    /// <summary>Sealed: before the deadline only the bidder reads a bid; after it, the lot's officers and evaluators do too.</summary>
    public static bool MayBeReadBy(BidReader reader, DateTime deadlineUtc, DateTime nowUtc) =>
        reader == BidReader.Bidder || (nowUtc >= deadlineUtc && reader is BidReader.Officer or BidReader.AssignedEvaluator);

    private void Seal(Tender tender, Lot lot, Supplier supplier, SizeThresholdTable thresholds, decimal priceYuan, string proposal, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (lot.TenderId != tender.Id)
        {
            throw new InvalidOperationException("The lot does not belong to this tender.");
        }
        if (tender.Status == TenderStatus.Imported)
        {
            throw DomainException.Forbidden($"This tender is imported from {tender.ImportedFrom}: bids are submitted in that system, not here.");
        }
        if (lot.Status != LotStatus.Open)
        {
            throw DomainException.Conflict(lot.Status == LotStatus.Draft
                ? "This lot is not published yet: bids open when its tender is published."
                : $"This lot is {lot.Status.ToString().ToLowerInvariant()}: it no longer accepts bids.");
        }
        EnsureBeforeDeadline(tender.DeadlineUtc!.Value, nowUtc);
        var eligibility = lot.CheckEligibility(supplier, DateOnly.FromDateTime(nowUtc));
        if (!eligibility.Eligible)
        {
            throw DomainException.Forbidden("Your company cannot bid for this lot: "
                + string.Join(" ", eligibility.Checks.Where(c => !c.Met).Select(c => c.Reason)));
        }
        var price = Guard.Money(priceYuan, "priceYuan", allowZero: false);
        var text = Guard.Text(proposal, "proposal", ProposalMaxLength);

        PriceYuan = price;
        Proposal = text;
        SizeClass = supplier.SizeClass;
        Declaration = supplier.SizeClass.IsSme() ? DeclarationLetter.Write(tender, lot, supplier, thresholds.Get(supplier.IndustryKey), nowUtc) : "";
        Status = BidStatus.Active;
        WithdrawnAtUtc = null;
        Reseal(nowUtc);
    }

    private void Reseal(DateTime nowUtc)
    {
        SubmittedAtUtc = nowUtc;
        Version++;
        Sha256 = Hash();
    }

    private void EnsureActiveBeforeDeadline(DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureBeforeDeadline(deadlineUtc, nowUtc);
        if (Status != BidStatus.Active)
        {
            throw DomainException.Conflict("This bid is withdrawn: submit it again before changing its documents.");
        }
    }

    private static void EnsureBeforeDeadline(DateTime deadlineUtc, DateTime nowUtc)
    {
        if (nowUtc >= deadlineUtc)
        {
            throw DomainException.Conflict($"The bidding deadline ({deadlineUtc:yyyy-MM-dd HH:mm} UTC) has passed: bids can no longer be submitted, replaced or withdrawn.");
        }
    }

    /// <summary>
    /// SHA-256 (hex) over the sealed content in a fixed layout, so a receipt can be checked later: lot, supplier, price,
    /// time, proposal, declaration, then one line per attachment (<c>attachment {sha256} {fileName}</c>).
    /// </summary>
    private string Hash()
    {
        var content = string.Join('\n',
            new[]
            {
                LotId.ToString("D"),
                SupplierId.ToString("D"),
                PriceYuan.ToString("0.00", CultureInfo.InvariantCulture),
                SubmittedAtUtc.ToString("O", CultureInfo.InvariantCulture),
                Proposal,
                Declaration,
            }.Concat(_attachments.Select(a => $"attachment {a.Sha256} {a.FileName}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}

public enum BidStatus
{
    Active,
    Withdrawn,
}

/// <summary>Who asks to read a bid, relative to that bid and its lot.</summary>
public enum BidReader
{
    Bidder,
    Officer,
    AssignedEvaluator,
    Other,
}
