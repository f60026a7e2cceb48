using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Evaluation;
using Portal.Domain.Subsidies;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Subsidies;
using Portal.Features.Tenders;

namespace Portal.Data.Seeding;

/// <summary>
/// The demo city's past procurements (<c>seed-data/history.json</c>): each lot goes through the same domain steps a
/// live one does — publish, bids, closing, two evaluators' declarations and scores, the award of the top-ranked bid,
/// the contract after the standstill, and an SME winner's subsidy grant — on the dates it happened. The history is what
/// the dashboards, reports and open-data feed show on a new demo portal: three large firms winning most of the value in
/// 2025, SMEs winning the reserved lots of 2026.
/// </summary>
internal sealed class ProcurementHistory(
    IReadOnlyDictionary<string, Supplier> suppliersByCreditCode,
    IReadOnlyList<string> evaluatorUserIds,
    string official,
    ProcurementOptions procurement,
    SubsidyOptions subsidy,
    DateTime nowUtc)
{
    /// <summary>The history lots' criteria: a price criterion and two scored ones.</summary>
    public static readonly IReadOnlyList<CriterionInput> Criteria =
        [new("价格", 30, IsPrice: true), new("技术方案", 50, IsPrice: false), new("服务与运维", 20, IsPrice: false)];

    private static readonly TimeSpan _chinaOffset = TimeSpan.FromHours(8);
    private readonly Dictionary<int, SubsidyProgramme> _programmes = [];
    private readonly Dictionary<int, decimal> _committed = [];
    private readonly List<Tender> _tenders = [];
    private readonly List<Bid> _bids = [];
    private readonly List<EvaluationSheet> _sheets = [];
    private readonly List<Contract> _contracts = [];
    private readonly List<SubsidyGrant> _grants = [];

    public IReadOnlyList<Tender> Tenders => _tenders;
    public IReadOnlyList<Bid> Bids => _bids;
    public IReadOnlyList<EvaluationSheet> Sheets => _sheets;
    public IReadOnlyList<Contract> Contracts => _contracts;
    public IReadOnlyList<SubsidyGrant> Grants => _grants;
    public IReadOnlyCollection<SubsidyProgramme> Programmes => _programmes.Values;

    /// <summary>Replays every procurement of the file whose contract date has passed; later ones are left out.</summary>
    public void Replay(IReadOnlyList<SeedHistoryLot> lots, SubsidyProgramme? currentProgramme)
    {
        if (currentProgramme is not null)
        {
            _programmes[currentProgramme.Year] = currentProgramme;
        }
        // Lots of one tender share its title and publication day.
        foreach (var group in lots.GroupBy(l => (l.Tender, l.PublishedOn)))
        {
            var published = DateTime.SpecifyKind(group.Key.PublishedOn.ToDateTime(new TimeOnly(9, 30)) - _chinaOffset, DateTimeKind.Utc);
            var deadline = published.AddDays(20);
            var contractedAt = deadline.AddDays(5) + procurement.StandstillPeriod + TimeSpan.FromDays(3);
            if (contractedAt > nowUtc)
            {
                continue;
            }
            var first = group.First();
            var tender = Tender.Create(first.Tender, first.Description, first.Buyer, group.Sum(l => l.ValueYuan), first.Category, published);
            var lots2 = group.Select(l => (Seed: l, Lot: tender.AddLot(
                new LotInput(l.Lot, l.Description, l.ValueYuan, l.ReservedForSmes, [], [.. Criteria]).ToDraft()))).ToList();
            foreach (var (_, lot) in lots2)
            {
                lot.AssignEvaluators(evaluatorUserIds);
            }
            tender.Publish(deadline, published, procurement.MinimumBiddingPeriod);
            _tenders.Add(tender);
            var bids = lots2.Select(l => SubmitBids(l.Seed, tender, l.Lot, deadline)).ToList();
            tender.CloseIfDue(deadline.AddMinutes(1));
            foreach (var ((seed, lot), lotBids) in lots2.Zip(bids))
            {
                Decide(seed, lot, lotBids, deadline, contractedAt);
            }
        }
    }

    private List<(SeedHistoryBid Seed, Bid Bid)> SubmitBids(SeedHistoryLot seed, Tender tender, Lot lot, DateTime deadline)
    {
        var bids = seed.Bids.Select((b, i) => (Seed: b, Bid: Bid.Submit(
            tender, lot, Supplier(b.Supplier), SizeThresholdTable.Official, b.PriceYuan,
            $"按招标文件实施：{seed.Description}", deadline.AddDays(-15).AddHours(i)))).ToList();
        _bids.AddRange(bids.Select(b => b.Bid));
        return bids;
    }

    private void Decide(SeedHistoryLot seed, Lot lot, List<(SeedHistoryBid Seed, Bid Bid)> bids, DateTime deadline, DateTime contractedAt)
    {
        var scoredAt = deadline.AddDays(2);
        var active = bids.Select(b => b.Bid.Id).ToList();
        var sheets = evaluatorUserIds.Select((evaluator, e) =>
        {
            var sheet = EvaluationSheet.Declare(lot, deadline, evaluator, hasConflict: false, note: null, scoredAt);
            lot.BeginEvaluation();
            foreach (var (bidSeed, bid) in bids)
            {
                sheet.Score(lot, bid.Id, active,
                    [new(Criteria[1].Name, bidSeed.Technical[e], null), new(Criteria[2].Name, bidSeed.Service[e], null)], scoredAt);
            }
            return sheet;
        }).ToList();
        _sheets.AddRange(sheets);

        var evaluation = LotEvaluation.Of(lot, sheets,
            bids.Select(b => new BidForScoring(b.Bid.Id, b.Bid.SupplierId, b.Bid.SizeClass, b.Bid.PriceYuan, b.Bid.SubmittedAtUtc)).ToList());
        var scoring = evaluation.Score(procurement.SmallMicroPriceDeduction)
            ?? throw new InvalidOperationException($"History lot '{seed.Lot}' could not be scored.");
        var top = scoring.Ranking.First(r => r.Rank == 1);
        var justification = scoring.Outcome == ScoringOutcome.SingleValidBid ? "历史项目：唯一有效投标。" : null;
        evaluation.Award(top.BidId, justification, procurement.SmallMicroPriceDeduction, deadline.AddDays(5), procurement.StandstillPeriod);

        var winner = bids.Single(b => b.Bid.Id == top.BidId).Bid;
        var startsOn = DateOnly.FromDateTime(contractedAt + _chinaOffset).AddDays(10);
        var contract = Contract.Record(lot, winner, winner.PriceYuan, startsOn, startsOn.AddMonths(seed.ContractMonths).AddDays(-1), contractedAt);
        _contracts.Add(contract);

        var year = SubsidyProgrammes.YearOf(contractedAt);
        var programme = Programme(year);
        var grant = SubsidyGrant.For(programme, contract, winner.SizeClass, contractedAt);
        if ((grant is null) != (seed.Grant is null))
        {
            throw new InvalidOperationException(
                $"History lot '{seed.Lot}': the file says grant '{seed.Grant ?? "none"}' but the winner, {winner.SupplierId} " +
                $"({string.Join(", ", scoring.Ranking.Select(r => $"{bids.Single(b => b.Bid.Id == r.BidId).Seed.Supplier} {r.SizeClass} {r.TotalScore}"))}), is {winner.SizeClass}.");
        }
        if (grant is null)
        {
            return;
        }
        _grants.Add(grant);
        var approvedAt = contractedAt.AddDays(10);
        if (seed.Grant is "approved" or "disbursed" && approvedAt <= nowUtc)
        {
            grant.Approve(programme, _committed.GetValueOrDefault(year), official, approvedAt);
            _committed[year] = _committed.GetValueOrDefault(year) + grant.AmountYuan;
            var disbursedAt = contractedAt.AddDays(30);
            if (seed.Grant == "disbursed" && disbursedAt <= nowUtc)
            {
                grant.Disburse($"CZ-{year}-{_grants.Count:000000}", disbursedAt);
            }
        }
    }

    private Supplier Supplier(string creditCode) =>
        suppliersByCreditCode.TryGetValue(creditCode, out var supplier)
            ? supplier
            : throw new InvalidOperationException($"history.json names supplier {creditCode}, which suppliers.json does not have.");

    private SubsidyProgramme Programme(int year)
    {
        if (!_programmes.TryGetValue(year, out var programme))
        {
            programme = _programmes[year] = subsidy.ProgrammeFor(year);
        }
        return programme;
    }
}

/// <summary>One past lot of <c>seed-data/history.json</c>, with its bids and the evaluators' scores.</summary>
internal sealed record SeedHistoryLot(
    DateOnly PublishedOn,
    string Buyer,
    string Category,
    string Tender,
    string Lot,
    string Description,
    decimal ValueYuan,
    bool ReservedForSmes,
    int ContractMonths,
    string? Grant,
    List<SeedHistoryBid> Bids);

/// <summary>A past bid: the supplier by credit code, its price, and each evaluator's technical and service scores.</summary>
internal sealed record SeedHistoryBid(string Supplier, decimal PriceYuan, decimal[] Technical, decimal[] Service);
