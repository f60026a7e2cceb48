using Portal.Domain.Bids;
using Portal.Domain.Tenders;

namespace Portal.Domain.Contracts;

/// <summary>The contract signed with an awarded lot's winner, recorded after the standstill period.</summary>
public sealed class Contract
{
    private Contract()
    {
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public Guid BidId { get; private set; }
    public Guid SupplierId { get; private set; }
    public decimal ValueYuan { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    public static Contract Record(Lot lot, Bid winner, decimal valueYuan, DateOnly startsOn, DateOnly endsOn, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (lot.AwardedBidId != winner.Id || winner.LotId != lot.Id)
        {
            throw new InvalidOperationException("The contract is recorded with the lot's awarded bid.");
        }
        var value = Guard.Money(valueYuan, "valueYuan", allowZero: false);
        var awarded = winner.PriceYuan ?? throw new InvalidOperationException("An awarded bid is an opened one, with its price.");
        if (value > awarded)
        {
            // 政府采购法 Art. 46: the contract follows the award; it may not be worth more than the winning bid.
            throw new DomainException(
                new Phrase("The contract value cannot exceed the awarded price ({0}).", new Yuan(awarded)), "valueYuan");
        }
        if (endsOn < startsOn)
        {
            throw new DomainException("The contract cannot end before it starts.", "endsOn");
        }
        lot.Contract(nowUtc);
        return new Contract
        {
            Id = Guid.NewGuid(),
            LotId = lot.Id,
            BidId = winner.Id,
            SupplierId = winner.SupplierId,
            ValueYuan = value,
            StartsOn = startsOn,
            EndsOn = endsOn,
            RecordedAtUtc = nowUtc,
        };
    }
}
