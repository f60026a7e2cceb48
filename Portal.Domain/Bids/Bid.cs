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

    private Bid()
    {
        Proposal = Sha256 = Declaration = "";
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public Guid SupplierId { get; private set; }
    public decimal PriceYuan { get; private set; }
    public string Proposal { get; private set; }

    /// <summary>The SME declaration letter (中小企业声明函) as generated from the profile when the bid was submitted.</summary>
    public string Declaration { get; private set; }

    /// <summary>Hash of the sealed content given to the bidder as a receipt.</summary>
    public string Sha256 { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }
    public BidStatus Status { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }

    /// <summary>How many times the bid was submitted (1 for the first submission, +1 per replacement).</summary>
    public int Version { get; private set; }

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

    public void Withdraw(DateTime deadlineUtc, DateTime nowUtc)
    {
        EnsureBeforeDeadline(deadlineUtc, Guard.Utc(nowUtc, "now"));
        if (Status == BidStatus.Withdrawn)
        {
            throw DomainException.Conflict("This bid is already withdrawn.");
        }
        Status = BidStatus.Withdrawn;
        WithdrawnAtUtc = nowUtc;
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
        Declaration = supplier.SizeClass.IsSme() ? DeclarationLetter.Write(tender, lot, supplier, thresholds.Get(supplier.IndustryKey), nowUtc) : "";
        SubmittedAtUtc = nowUtc;
        Status = BidStatus.Active;
        WithdrawnAtUtc = null;
        Version++;
        Sha256 = Hash();
    }

    private static void EnsureBeforeDeadline(DateTime deadlineUtc, DateTime nowUtc)
    {
        if (nowUtc >= deadlineUtc)
        {
            throw DomainException.Conflict($"The bidding deadline ({deadlineUtc:yyyy-MM-dd HH:mm} UTC) has passed: bids can no longer be submitted, replaced or withdrawn.");
        }
    }

    /// <summary>SHA-256 (hex) over the sealed content in a fixed layout, so a receipt can be checked later.</summary>
    private string Hash()
    {
        var content = string.Join('\n',
            LotId.ToString("D"),
            SupplierId.ToString("D"),
            PriceYuan.ToString("0.00", CultureInfo.InvariantCulture),
            SubmittedAtUtc.ToString("O", CultureInfo.InvariantCulture),
            Proposal,
            Declaration);
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
