using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Domain.Bids;

/// <summary>
/// A supplier's offer for a lot, sealed on the bidder's device (<see cref="SealedEnvelope"/>): one per supplier and lot,
/// replaced or withdrawn until the deadline and never after. Until the opening the portal holds only ciphertext, and the
/// receipt is a SHA-256 over it; in the opening window the bidder gives its key, the portal opens the bid and checks it
/// (电子招标投标办法 Art. 31, 34, 35). A bid still sealed when the window ends is void.
/// </summary>
public sealed class Bid
{
    public const int ProposalMaxLength = 20_000;
    public const int MaxAttachments = 10;

    /// <summary>The highest price the portal records (1 万亿元): a larger one is a mistake, not a bid.</summary>
    public const decimal MaxPriceYuan = 1_000_000_000_000m;

    private readonly List<BidAttachment> _attachments = [];

    private Bid()
    {
        Sha256 = Declaration = "";
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public Guid SupplierId { get; private set; }

    /// <summary>The envelope's iv (null only for bids recorded in plain before bids were sealed).</summary>
    public byte[]? SealedIv { get; private set; }

    /// <summary>The envelope's ciphertext with its tag: all the portal holds of the content until the opening.</summary>
    public byte[]? SealedCiphertext { get; private set; }

    /// <summary>The price, known from the opening on (null while sealed, and for a bid that is void or invalid).</summary>
    public decimal? PriceYuan { get; private set; }

    /// <summary>The technical proposal, known from the opening on.</summary>
    public string? Proposal { get; private set; }

    /// <summary>The bidder's opening key, given at the opening; it then decrypts the attachments for the evaluators.</summary>
    public byte[]? OpeningKey { get; private set; }

    public DateTime? OpenedAtUtc { get; private set; }

    /// <summary>Why an opened bid is invalid, or a sealed one void.</summary>
    public OpeningFault? Fault { get; private set; }

    /// <summary>The fault's argument, e.g. the attachment's file name.</summary>
    public string? FaultDetail { get; private set; }

    /// <summary>
    /// The size class the bidder declared with this submission (from its profile at that moment). The price deduction,
    /// the award notice and the subsidy follow it, whatever the profile says later (财库〔2020〕46号: the declaration letter
    /// submitted with the bid is what counts).
    /// </summary>
    public SizeClass SizeClass { get; private set; }

    /// <summary>The SME declaration letter (中小企业声明函) as generated from the profile when the bid was submitted.</summary>
    public string Declaration { get; private set; }

    /// <summary>The receipt: SHA-256 over the sealed content (<see cref="ReceiptOf"/>).</summary>
    public string Sha256 { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }
    public BidStatus Status { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }

    /// <summary>
    /// How many times the bid changed (1 for the first submission, +1 per replacement, attachment change, withdrawal or
    /// opening); also the concurrency token, so two changes made at once cannot both win silently.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Sealed documents of the bid, in the order they were attached.</summary>
    public IReadOnlyList<BidAttachment> Attachments => _attachments;

    /// <summary>Whether the bid's content may be evaluated: opened and valid.</summary>
    public bool IsOpened => Status == BidStatus.Opened;

    /// <summary>
    /// Submits a first sealed bid: the lot must be open, the deadline not passed, and the supplier eligible on every
    /// requirement (a large firm is refused on a reserved lot with the reason).
    /// </summary>
    public static Bid Submit(Tender tender, Lot lot, Supplier supplier, SizeThresholdTable thresholds, SealedEnvelope envelope, DateTime nowUtc)
    {
        var bid = new Bid { Id = Guid.NewGuid(), LotId = lot.Id, SupplierId = supplier.Id };
        bid.Seal(tender, lot, supplier, thresholds, envelope, nowUtc);
        return bid;
    }

    /// <summary>
    /// Replaces the bid with a newly sealed one (or submits it again after a withdrawal) before the deadline. The new
    /// envelope has its own key, so the documents sealed under the old one go: they are returned so that their files
    /// can be deleted, and the bidder attaches them again sealed under the new key.
    /// </summary>
    public IReadOnlyList<BidAttachment> Replace(Tender tender, Lot lot, Supplier supplier, SizeThresholdTable thresholds, SealedEnvelope envelope, DateTime nowUtc)
    {
        if (lot.Id != LotId || supplier.Id != SupplierId)
        {
            throw new InvalidOperationException("A bid can only be replaced by its own bidder for its own lot.");
        }
        var removed = _attachments.ToList();
        Seal(tender, lot, supplier, thresholds, envelope, nowUtc, dropAttachments: true);
        return removed;
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
        SealedIv = SealedCiphertext = null;
        // A change like any other: an attachment being added at the same moment must not land on the withdrawn bid.
        Version++;
        var removed = _attachments.ToList();
        _attachments.Clear();
        return removed;
    }

    /// <summary>
    /// Adds a sealed document to the bid before the deadline: the receipt (time and hash) is renewed to cover it. The
    /// caller has checked that the upload is an envelope within the size limit and computed its SHA-256; whether it
    /// is a PDF is known only at the opening.
    /// </summary>
    public BidAttachment Attach(string fileName, long sizeBytes, string sha256, DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureSealedBeforeDeadline(deadlineUtc, Guard.Utc(nowUtc, "now"));
        var name = BidAttachment.ValidFileName(fileName);
        if (sizeBytes <= SealedEnvelope.IvBytes + SealedEnvelope.TagBytes)
        {
            throw new DomainException("The sealed file is empty or too short to be one: seal the document as iv (12 bytes), ciphertext and tag (16 bytes).", "file");
        }
        if (sha256.Length != 64 || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw new ArgumentException("The SHA-256 must be 64 lowercase hex digits.", nameof(sha256));
        }
        if (_attachments.Count >= MaxAttachments)
        {
            throw DomainException.Conflict(new Phrase("A bid carries at most {0} attachments; remove one first.", MaxAttachments), "file");
        }
        if (_attachments.Any(a => a.FileName == name))
        {
            throw DomainException.Conflict("Your bid already has a document with this name: remove it first or rename the file.", "fileName");
        }
        var attachment = new BidAttachment(name, sizeBytes, sha256, nowUtc);
        _attachments.Add(attachment);
        Reseal(nowUtc);
        return attachment;
    }

    /// <summary>Removes an attachment before the deadline and renews the receipt; returns the removed attachment.</summary>
    public BidAttachment RemoveAttachment(Guid attachmentId, DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureSealedBeforeDeadline(deadlineUtc, Guard.Utc(nowUtc, "now"));
        var attachment = _attachments.SingleOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainException("Your bid has no attachment with this id.", "attachmentId");
        _attachments.Remove(attachment);
        Reseal(nowUtc);
        return attachment;
    }

    /// <summary>
    /// Opens the bid with its bidder's key in the lot's opening window. A key that does not open the envelope is refused
    /// (naming <c>key</c>) and changes nothing, so the bidder may try again within the window. A bid that opens is
    /// checked — the receipt against the stored ciphertext, the content (<see cref="BidContent.Read"/>), each
    /// attachment against its hash, its key and the PDF format — and becomes <see cref="BidStatus.Opened"/> or
    /// <see cref="BidStatus.Invalid"/> with the fault. <paramref name="sealedAttachment"/> reads an attachment's stored
    /// upload (iv ‖ ciphertext ‖ tag); null when the file is missing.
    /// </summary>
    public void Unseal(Lot lot, byte[] key, Func<BidAttachment, byte[]?> sealedAttachment, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (lot.Id != LotId)
        {
            throw new InvalidOperationException("The bid does not belong to this lot.");
        }
        // The bid's own state first: a bid opened a moment ago (which may have completed the opening) is told so, not
        // that the window has ended.
        switch (Status)
        {
            case BidStatus.Withdrawn:
                throw DomainException.Conflict("This bid was withdrawn: there is nothing to open.");
            case BidStatus.Opened or BidStatus.Invalid:
                throw DomainException.Conflict("This bid is already opened: its record stands.");
            case BidStatus.Void:
                throw DomainException.Conflict("This bid is void: it was not decrypted within the opening window.");
        }
        lot.EnsureOpening(nowUtc);
        if (key.Length != SealedEnvelope.KeyBytes)
        {
            throw new DomainException("The opening key is 32 bytes in base64 (44 characters ending in =): paste it as the key file holds it.", "key");
        }
        var envelope = SealedEnvelope.FromStored(SealedIv!, SealedCiphertext!);
        if (!envelope.TryOpen(key, SealedEnvelope.BidAad(LotId), out var plaintext))
        {
            throw new DomainException("This key does not open your bid: use the opening key that was shown and saved when the bid was sealed (the file sealed-bid-key-….txt).", "key");
        }
        OpeningKey = key;
        OpenedAtUtc = nowUtc;
        Version++;
        if (ReceiptOf(LotId, envelope, _attachments) != Sha256)
        {
            MarkInvalid(OpeningFault.ReceiptMismatch, null);
            return;
        }
        var (content, fault) = BidContent.Read(plaintext);
        if (content is null)
        {
            MarkInvalid(fault!.Value, null);
            return;
        }
        foreach (var attachment in _attachments)
        {
            var upload = sealedAttachment(attachment);
            if (upload is null || BidAttachment.HashOf(upload) != attachment.Sha256)
            {
                MarkInvalid(OpeningFault.AttachmentAltered, attachment.FileName);
                return;
            }
            if (!SealedEnvelope.TrySplit(upload, out var sealedFile)
                || !sealedFile.TryOpen(key, SealedEnvelope.AttachmentAad(LotId, attachment.FileName), out var document))
            {
                MarkInvalid(OpeningFault.AttachmentNotOpened, attachment.FileName);
                return;
            }
            if (!BidAttachment.IsPdf(document))
            {
                MarkInvalid(OpeningFault.AttachmentNotPdf, attachment.FileName);
                return;
            }
        }
        PriceYuan = content.PriceYuan;
        Proposal = content.Proposal;
        Status = BidStatus.Opened;
    }

    /// <summary>
    /// A bid its bidder did not decrypt within the opening window is void and treated as withdrawn (电子招标投标办法
    /// Art. 35); only a sealed bid can become void.
    /// </summary>
    public void MarkVoid(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (Status != BidStatus.Sealed)
        {
            throw new InvalidOperationException("Only a sealed bid becomes void.");
        }
        Status = BidStatus.Void;
        Fault = OpeningFault.NotDecrypted;
        Version++;
    }

    /// <summary>An attachment's document as sealed, decrypted with the opening key; null while the bid is not opened.</summary>
    public byte[]? OpenAttachment(BidAttachment attachment, byte[] upload)
    {
        if (OpeningKey is null || !_attachments.Contains(attachment)
            || !SealedEnvelope.TrySplit(upload, out var sealedFile)
            || !sealedFile.TryOpen(OpeningKey, SealedEnvelope.AttachmentAad(LotId, attachment.FileName), out var document))
        {
            return null;
        }
        return document;
    }

    /// <summary>
    /// Sealed: before the opening only the bidder reads its bid (its metadata: the content is ciphertext to everyone);
    /// from the deadline on the lot's officers and assigned evaluators see the bids, and the content of opened ones.
    /// </summary>
    public static bool MayBeReadBy(BidReader reader, DateTime deadlineUtc, DateTime nowUtc) =>
        reader == BidReader.Bidder || (nowUtc >= deadlineUtc && reader is BidReader.Officer or BidReader.AssignedEvaluator);

    /// <summary>
    /// The receipt of a sealed bid, so that a bidder can compute it itself and prove what it sealed: the lowercase hex
    /// SHA-256 of the UTF-8 lines (joined by <c>\n</c>, no final line end) <c>sealed-bid/1</c>, the lot id, the iv and
    /// the ciphertext in base64, then per attachment in the order attached <c>attachment {sha256 of the upload} {fileName}</c>.
    /// </summary>
    public static string ReceiptOf(Guid lotId, SealedEnvelope envelope, IEnumerable<BidAttachment> attachments)
    {
        var content = string.Join('\n',
            new[] { SealedEnvelope.Format, lotId.ToString("D"), Convert.ToBase64String(envelope.Iv), Convert.ToBase64String(envelope.Ciphertext) }
                .Concat(attachments.Select(a => $"attachment {a.Sha256} {a.FileName}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private void MarkInvalid(OpeningFault fault, string? detail)
    {
        Status = BidStatus.Invalid;
        Fault = fault;
        FaultDetail = detail;
    }

    private void Seal(Tender tender, Lot lot, Supplier supplier, SizeThresholdTable thresholds, SealedEnvelope envelope, DateTime nowUtc, bool dropAttachments = false)
    {
        Guard.Utc(nowUtc, "now");
        if (lot.TenderId != tender.Id)
        {
            throw new InvalidOperationException("The lot does not belong to this tender.");
        }
        if (tender.Status == TenderStatus.Imported)
        {
            throw DomainException.Forbidden(new Phrase("This tender is imported from {0}: bids are submitted in that system, not here.", tender.ImportedFrom ?? ""));
        }
        if (lot.Status != LotStatus.Open)
        {
            throw DomainException.Conflict(lot.Status == LotStatus.Draft
                ? "This lot is not published yet: bids open when its tender is published."
                : "This lot no longer accepts bids: its bidding deadline has passed.");
        }
        EnsureBeforeDeadline(tender.DeadlineUtc!.Value, nowUtc);
        var eligibility = lot.CheckEligibility(supplier, DateOnly.FromDateTime(nowUtc));
        if (!eligibility.Eligible)
        {
            var reasons = eligibility.Checks.Where(c => !c.Met).Select(c => c.Reason)
                .Aggregate((all, reason) => new Phrase("{0} {1}", all, reason));
            throw DomainException.Forbidden(new Phrase("Your company cannot bid for this lot: {0}", reasons));
        }

        if (dropAttachments)
        {
            _attachments.Clear();
        }
        SealedIv = envelope.Iv;
        SealedCiphertext = envelope.Ciphertext;
        SizeClass = supplier.SizeClass;
        Declaration = supplier.SizeClass.IsSme() ? DeclarationLetter.Write(tender, lot, supplier, thresholds.Get(supplier.IndustryKey), nowUtc) : "";
        Status = BidStatus.Sealed;
        WithdrawnAtUtc = null;
        Reseal(nowUtc);
    }

    private void Reseal(DateTime nowUtc)
    {
        SubmittedAtUtc = nowUtc;
        Version++;
        Sha256 = ReceiptOf(LotId, SealedEnvelope.FromStored(SealedIv!, SealedCiphertext!), _attachments);
    }

    private void EnsureSealedBeforeDeadline(DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureBeforeDeadline(deadlineUtc, nowUtc);
        if (Status != BidStatus.Sealed)
        {
            throw DomainException.Conflict("This bid is withdrawn: submit it again before changing its documents.");
        }
    }

    private static void EnsureBeforeDeadline(DateTime deadlineUtc, DateTime nowUtc)
    {
        if (nowUtc >= deadlineUtc)
        {
            throw DomainException.Conflict("The bidding deadline has passed: bids can no longer be submitted, replaced or withdrawn.");
        }
    }
}

public enum BidStatus
{
    /// <summary>Submitted and sealed: ciphertext only, until its bidder opens it at the opening.</summary>
    Sealed,
    Withdrawn,

    /// <summary>Opened at the opening and valid: evaluated.</summary>
    Opened,

    /// <summary>Opened at the opening but failing its checks (<see cref="Bid.Fault"/>): not evaluated.</summary>
    Invalid,

    /// <summary>Not decrypted within the opening window: treated as withdrawn (电子招标投标办法 Art. 35).</summary>
    Void,
}

/// <summary>Who asks to read a bid, relative to that bid and its lot.</summary>
public enum BidReader
{
    Bidder,
    Officer,
    AssignedEvaluator,
    Other,
}
