using System.Text.Json;

namespace Portal.Features.Evaluation;

/// <summary>
/// A lot's award as it was decided and published, written in the same transaction as the award: the ranking the
/// officer awarded on (every valid bid with its price and evaluated price, price score, criterion means and each
/// evaluator's score; the excluded bids; the evaluators) and the award notice (中标公告). The ranking page, the notice
/// and its PDF read it back instead of scoring again, so a later change of settings, a renamed supplier or a changed
/// e-mail address never changes what was awarded and published (issue 13 point 6, decision 0019).
/// </summary>
public sealed class LotAwardRecord
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private LotAwardRecord()
    {
        RankingJson = NoticeJson = "";
    }

    /// <summary>The awarded lot (one record per lot).</summary>
    public Guid LotId { get; private set; }

    public Guid AwardedBidId { get; private set; }
    public DateTime AwardedAtUtc { get; private set; }

    /// <summary>The tender's small and micro enterprise price deduction the bids were scored with.</summary>
    public decimal SmallMicroPriceDeduction { get; private set; }

    /// <summary>The ranking at the award, as <see cref="RankingView"/> JSON.</summary>
    public string RankingJson { get; private set; }

    /// <summary>The award notice, as <see cref="AwardNotice"/> JSON.</summary>
    public string NoticeJson { get; private set; }

    /// <summary>The record of an award just decided: the final ranking and the notice, as they read at that moment.</summary>
    public static LotAwardRecord Of(RankingView ranking, AwardNotice notice, decimal smallMicroPriceDeduction)
    {
        if (ranking.LotId != notice.LotId || ranking.AwardedBidId != notice.Winner.BidId)
        {
            throw new InvalidOperationException("The ranking and the notice of an award record are of the same lot and winner.");
        }
        return new LotAwardRecord
        {
            LotId = notice.LotId,
            AwardedBidId = notice.Winner.BidId,
            AwardedAtUtc = notice.AwardedAt,
            SmallMicroPriceDeduction = smallMicroPriceDeduction,
            RankingJson = JsonSerializer.Serialize(ranking, _json),
            NoticeJson = JsonSerializer.Serialize(notice, _json),
        };
    }

    /// <summary>The ranking as it was awarded on.</summary>
    public RankingView Ranking() =>
        JsonSerializer.Deserialize<RankingView>(RankingJson, _json) ?? throw new InvalidOperationException($"The award record of lot {LotId} has no ranking.");

    /// <summary>The award notice as it was published.</summary>
    public AwardNotice Notice() =>
        JsonSerializer.Deserialize<AwardNotice>(NoticeJson, _json) ?? throw new InvalidOperationException($"The award record of lot {LotId} has no notice.");
}
