namespace Portal.Domain.Bids;

/// <summary>
/// A sealed offer by a supplier for a lot. Only its shape exists so far; submission rules (deadline, eligibility,
/// replacement and withdrawal) arrive with the bidding feature.
/// </summary>
public sealed class Bid
{
    public const int ProposalMaxLength = 20_000;

    private Bid()
    {
        Proposal = Sha256 = "";
    }

    public Bid(Guid lotId, Guid supplierId, decimal priceYuan, string proposal, string sha256, DateTime submittedAtUtc) : this()
    {
        Id = Guid.NewGuid();
        LotId = lotId;
        SupplierId = supplierId;
        PriceYuan = Guard.Money(priceYuan, "priceYuan", allowZero: false);
        Proposal = Guard.Text(proposal, "proposal", ProposalMaxLength);
        Sha256 = Guard.Text(sha256, "sha256", 64);
        SubmittedAtUtc = Guard.Utc(submittedAtUtc, "submittedAt");
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public Guid SupplierId { get; private set; }
    public decimal PriceYuan { get; private set; }
    public string Proposal { get; private set; }

    /// <summary>Hash of the sealed content given to the bidder as a receipt.</summary>
    public string Sha256 { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }
}
