using Portal.Domain.Tenders;

namespace Portal.Features.Tenders;

/// <summary>The <c>Procurement</c> settings section.</summary>
public sealed class ProcurementOptions
{
    public const string Section = "Procurement";

    /// <summary>Shortest time between publication and the bidding deadline.</summary>
    public TimeSpan MinimumBiddingPeriod { get; set; } = TimeSpan.FromDays(10);

    /// <summary>
    /// Shortest time bidders keep after a clarification or amendment notice: a later notice must extend the deadline
    /// (政府采购货物和服务招标投标管理办法 Art. 27 asks for 15 days in open tendering; set it to match the procedure).
    /// </summary>
    public TimeSpan MinimumPeriodAfterAmendment { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Time after an award during which no contract may be signed (standstill).</summary>
    public TimeSpan StandstillPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>财库〔2020〕46号 Art. 9 price deduction for small and micro enterprises in lots not reserved for SMEs.</summary>
    public decimal SmallMicroPriceDeduction { get; set; } = 0.10m;

    /// <summary>
    /// How long bidders have after the deadline to decrypt their sealed bids (电子招标投标办法 Art. 34–35); bids still sealed
    /// when it ends are void. Frozen into each tender at publication.
    /// </summary>
    public TimeSpan DecryptionWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The terms a tender published now is given by default (the officer may choose another deduction).</summary>
    public PublicationTerms Terms(decimal? smallMicroPriceDeduction = null) =>
        new(smallMicroPriceDeduction ?? SmallMicroPriceDeduction, StandstillPeriod, DecryptionWindow);

    /// <summary>Largest PDF a bidder may attach to a bid, in bytes (default 20 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;
}
