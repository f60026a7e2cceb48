using Portal.Domain.Evaluation;

namespace Portal.Domain.Tenders;

/// <summary>
/// The terms a tender is published with and keeps for life, whatever the settings say later: the small and micro
/// enterprise price deduction (财库〔2020〕46号 Art. 9, 10–20% as adjusted by 财库〔2022〕19号), the standstill period after
/// an award, and the opening window (解密时间, 电子招标投标办法 Art. 34–35) in which bidders decrypt their bids.
/// </summary>
public sealed record PublicationTerms(decimal SmallMicroPriceDeduction, TimeSpan StandstillPeriod, TimeSpan DecryptionWindow)
{
    /// <summary>The defaults of the settings (<c>Procurement:*</c>), for a tender published without other terms.</summary>
    public static readonly PublicationTerms Default = new(0.10m, TimeSpan.FromDays(7), TimeSpan.FromMinutes(30));

    /// <summary>The longest opening window a tender may give its bidders.</summary>
    public static readonly TimeSpan MaximumDecryptionWindow = TimeSpan.FromDays(1);

    /// <summary>Decimals a deduction is kept with: a whole hundredth of a per cent (0.1250 is 12.5%).</summary>
    public const int DeductionDecimals = 4;

    /// <summary>Checks the terms, naming the field at fault.</summary>
    public PublicationTerms Checked()
    {
        if (SmallMicroPriceDeduction is < BidScoring.MinimumDeduction or > BidScoring.MaximumDeduction)
        {
            throw new DomainException("The small and micro enterprise price deduction must be between 10% and 20% (财库〔2022〕19号).", "smallMicroPriceDeduction");
        }
        if (decimal.Round(SmallMicroPriceDeduction, DeductionDecimals) != SmallMicroPriceDeduction)
        {
            throw new DomainException("Give the small and micro enterprise price deduction in per cent with at most two decimals (e.g. 12.5%).", "smallMicroPriceDeduction");
        }
        if (StandstillPeriod < TimeSpan.Zero)
        {
            throw new DomainException("The standstill period cannot be negative.", "standstillPeriod");
        }
        if (DecryptionWindow <= TimeSpan.Zero || DecryptionWindow > MaximumDecryptionWindow)
        {
            throw new DomainException("The opening window must be longer than zero and at most one day.", "decryptionWindow");
        }
        return this;
    }
}
