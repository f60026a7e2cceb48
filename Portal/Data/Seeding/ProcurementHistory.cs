using System.Security.Cryptography;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Effectiveness;
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
/// 2025, SMEs winning the reserved lots of 2026. Some contracts' systems were delivered and have reported their KPIs
/// every month since, each ended month rated as the monthly job rates it (<see cref="Operate"/>). Each tender keeps the
/// terms it was published with, and its lots are scored and awarded with them; once saved, each award gets its stored
/// ranking and notice like a live one (<see cref="Features.Evaluation.EvaluationService.RecordAwardsAsync"/>).
/// </summary>
internal sealed class ProcurementHistory(
    IReadOnlyDictionary<string, Supplier> suppliersByCreditCode,
    IReadOnlyList<string> evaluatorUserIds,
    string official,
    ProcurementOptions procurement,
    SubsidyOptions subsidy,
    string officerUserId,
    IdleRule idleRule,
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

    /// <summary>The bidders' opening keys, held only while the history is replayed (as a bidder holds its own).</summary>
    private readonly Dictionary<Guid, byte[]> _keys = [];
    private readonly List<EvaluationSheet> _sheets = [];
    private readonly List<Contract> _contracts = [];
    private readonly List<SubsidyGrant> _grants = [];
    private readonly List<DeliveredSystem> _systems = [];
    private readonly List<KpiObservation> _observations = [];
    private readonly List<MonthlyStatement> _statements = [];

    /// <summary>How a month's usage and satisfaction wander around the file's values (points), by month since delivery.</summary>
    private static readonly decimal[] _wobble = [0m, 2m, -1m, 3m, -2m, 1m];

    public IReadOnlyList<Tender> Tenders => _tenders;
    public IReadOnlyList<Bid> Bids => _bids;
    public IReadOnlyList<EvaluationSheet> Sheets => _sheets;
    public IReadOnlyList<Contract> Contracts => _contracts;
    public IReadOnlyList<SubsidyGrant> Grants => _grants;
    public IReadOnlyCollection<SubsidyProgramme> Programmes => _programmes.Values;
    public IReadOnlyList<DeliveredSystem> Systems => _systems;
    public IReadOnlyList<KpiObservation> Observations => _observations;
    public IReadOnlyList<MonthlyStatement> Statements => _statements;

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
            // The terms the tender is published with; its evaluation and standstill use them from then on.
            var terms = procurement.Terms();
            var contractedAt = deadline.AddDays(5) + terms.StandstillPeriod + TimeSpan.FromDays(3);
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
            tender.Publish(deadline, published, procurement.MinimumBiddingPeriod, terms);
            _tenders.Add(tender);
            var bids = lots2.Select(l => SubmitBids(l.Seed, tender, l.Lot, deadline)).ToList();
            OpenBids(tender, lots2.Select(l => l.Lot).Zip(bids).ToList(), deadline);
            foreach (var ((seed, lot), lotBids) in lots2.Zip(bids))
            {
                Decide(seed, tender, lot, lotBids, deadline, contractedAt);
            }
        }
    }

    /// <summary>
    /// Each bidder seals its bid on its own side, as a browser does (a random opening key, AES-256-GCM, the lot id as
    /// associated data); the portal keeps only the envelope, as for a live bid.
    /// </summary>
    private List<(SeedHistoryBid Seed, Bid Bid)> SubmitBids(SeedHistoryLot seed, Tender tender, Lot lot, DateTime deadline)
    {
        var bids = seed.Bids.Select((b, i) =>
        {
            var key = RandomNumberGenerator.GetBytes(SealedEnvelope.KeyBytes);
            var content = new BidContent(b.PriceYuan, $"按招标文件实施：{seed.Description}");
            var envelope = SealedEnvelope.Seal(key, content.ToPlaintext(), SealedEnvelope.BidAad(lot.Id));
            var bid = Bid.Submit(tender, lot, Supplier(b.Supplier), SizeThresholdTable.Official, envelope, deadline.AddDays(-15).AddHours(i));
            _keys[bid.Id] = key;
            return (Seed: b, Bid: bid);
        }).ToList();
        _bids.AddRange(bids.Select(b => b.Bid));
        return bids;
    }

    /// <summary>
    /// The opening of a past tender, through the same rules as a live one: at the deadline its lots move to the opening,
    /// each bidder decrypts its bid with its key a few minutes later, and the opening record is complete.
    /// </summary>
    private void OpenBids(Tender tender, IReadOnlyList<(Lot Lot, List<(SeedHistoryBid Seed, Bid Bid)> Bids)> lots, DateTime deadline)
    {
        tender.BeginOpeningIfDue(deadline);
        foreach (var (lot, bids) in lots)
        {
            foreach (var ((_, bid), i) in bids.Select((b, i) => (b, i)))
            {
                bid.Unseal(lot, _keys[bid.Id], _ => null, deadline.AddMinutes(2 + i));
            }
            _ = lot.CompleteOpening(bids.Select(b => b.Bid).ToList(), deadline.AddMinutes(2 + bids.Count))
                ?? throw new InvalidOperationException($"History lot '{lot.Title}' did not complete its opening.");
        }
    }

    private void Decide(SeedHistoryLot seed, Tender tender, Lot lot, List<(SeedHistoryBid Seed, Bid Bid)> bids, DateTime deadline, DateTime contractedAt)
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
            bids.Select(b => new BidForScoring(b.Bid.Id, b.Bid.SupplierId, b.Bid.SizeClass, b.Bid.PriceYuan!.Value, b.Bid.SubmittedAtUtc)).ToList());
        var scoring = evaluation.Score(tender.SmallMicroPriceDeduction)
            ?? throw new InvalidOperationException($"History lot '{seed.Lot}' could not be scored.");
        var top = scoring.Ranking.First(r => r.Rank == 1);
        var justification = scoring.Outcome == ScoringOutcome.SingleValidBid ? "历史项目：唯一有效投标。" : null;
        evaluation.Award(top.BidId, justification, tender.SmallMicroPriceDeduction, deadline.AddDays(5), tender.StandstillPeriod);

        var winner = bids.Single(b => b.Bid.Id == top.BidId).Bid;
        var startsOn = DateOnly.FromDateTime(contractedAt + _chinaOffset).AddDays(10);
        var contract = Contract.Record(lot, winner, winner.PriceYuan!.Value, startsOn, startsOn.AddMonths(seed.ContractMonths).AddDays(-1), contractedAt);
        _contracts.Add(contract);
        if (seed.System is { } delivered)
        {
            Operate(delivered, contract, startsOn.AddDays(delivered.DeliveredAfterDays));
        }

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

    /// <summary>
    /// The contract's system delivered (10:00 China time on the day), its KPIs observed at the end of every month up to
    /// the last ended one (none after it stopped reporting), and each ended month rated at 02:00 on the 1st after it,
    /// as the monthly job does, with the data the system had sent by then. Nothing when delivery is still to come.
    /// </summary>
    private void Operate(SeedHistorySystem seed, Contract contract, DateOnly deliveredOn)
    {
        var createdAt = DateTime.SpecifyKind(deliveredOn.ToDateTime(new TimeOnly(10, 0)) - _chinaOffset, DateTimeKind.Utc);
        if (createdAt > nowUtc)
        {
            return;
        }
        var system = DeliveredSystem.MarkDelivered(contract, seed.Name, deliveredOn, seed.MonthlyFeeYuan, officerUserId, createdAt);
        _systems.Add(system);
        var observations = new List<KpiObservation>();
        var month = 0;
        foreach (var period in MonthlyStatement.DuePeriods(system, new HashSet<string>(), nowUtc))
        {
            if (seed.StopsReportingAfterMonths is not { } stop || month < stop)
            {
                var observedAt = period.EndUtc.AddHours(-12);
                observations.AddRange(seed.Kpis.Select(k => (Kpi: Kpis.ParseOrThrow(k.Key, "system.kpis"), k.Value)).Select(k => KpiObservation.Record(system, period, k.Kpi, Value(k.Kpi, k.Value, month),
                    ObservationSource.Api, "api-key:seed", observedAt, alreadyObserved: false, periodRated: false)));
            }
            var ratedAt = period.EndUtc.AddHours(2) <= nowUtc ? period.EndUtc.AddHours(2) : nowUtc;
            var key = period.ToString();
            var lastData = observations.Where(o => o.RecordedAtUtc <= ratedAt).Select(o => (DateTime?)o.RecordedAtUtc).Max();
            _statements.Add(MonthlyStatement.Rate(system, period, [.. observations.Where(o => o.Period == key)], lastData, idleRule, ratedAt));
            month++;
        }
        _observations.AddRange(observations);
    }

    /// <summary>The file's value of a KPI in a month: usage and satisfaction wander a little, within 0–100%.</summary>
    private static decimal Value(Kpi kpi, decimal value, int month) =>
        kpi is Kpi.UsageRate or Kpi.Satisfaction ? Math.Clamp(value + _wobble[month % _wobble.Length], 0m, 100m) : value;

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
    List<SeedHistoryBid> Bids,
    SeedHistorySystem? System = null);

/// <summary>
/// A past contract's delivered system: its name, its delivery (days after the contract starts), its monthly fee, the
/// values it reports each month per KPI key (<c>usageRate</c> …), and after how many months it stopped reporting, if it did.
/// </summary>
internal sealed record SeedHistorySystem(string Name, int DeliveredAfterDays, decimal MonthlyFeeYuan, Dictionary<string, decimal> Kpis, int? StopsReportingAfterMonths = null);

/// <summary>A past bid: the supplier by credit code, its price, and each evaluator's technical and service scores.</summary>
internal sealed record SeedHistoryBid(string Supplier, decimal PriceYuan, decimal[] Technical, decimal[] Service);
