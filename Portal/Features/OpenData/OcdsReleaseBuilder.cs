using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Effectiveness;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Effectiveness;

namespace Portal.Features.OpenData;

/// <summary>
/// A published tender with everything its releases draw on: the bids of its lots, their bidders, its contracts, the
/// systems they delivered and those systems' monthly statements.
/// </summary>
public sealed record TenderRecord(
    Tender Tender, IReadOnlyList<Bid> Bids, IReadOnlyDictionary<Guid, Supplier> Suppliers, IReadOnlyList<Contract> Contracts,
    IReadOnlyList<DeliveredSystem> Systems, IReadOnlyList<MonthlyStatement> Statements);

/// <summary>
/// Builds the OCDS 1.1 releases of one tender from its stored state and history. Each public state change is one
/// release with a stable id and date, and each release is a snapshot of what was public at that date:
/// <list type="bullet">
/// <item><c>{ocid}-tender</c> at publication (tag <c>tender</c>);</item>
/// <item><c>{ocid}-amendment-{n}</c> per amendment notice (<c>tenderAmendment</c>);</item>
/// <item><c>{ocid}-bidding-closed</c> at the deadline, with the bid statistics per size class (<c>tenderUpdate</c>);</item>
/// <item><c>{ocid}-opening-{lot number}</c> when a lot's opening (开标) is complete (<c>tenderUpdate</c>), adding that
/// lot's bid details and bidders as the opening record publishes them;</item>
/// <item><c>{ocid}-award-{lot number}</c> per award (<c>award</c>);</item>
/// <item><c>{ocid}-contract-{lot number}</c> per contract (<c>contract</c>);</item>
/// <item><c>{ocid}-implementation-{lot number}-{YYYY-MM}</c> per rated month of the contract's delivered system
/// (<c>implementation</c>), adding the month's payment as a transaction and its KPI ratings as milestones.</item>
/// </list>
/// Sealed bids never show: statistics (counts per declared size class) appear from the deadline on, and a lot's bid
/// details (bidders, prices) only from the end of its opening, when no bid is sealed any more: a decrypted bid is
/// <c>valid</c> with its price, an invalid one <c>disqualified</c>, a void one (not decrypted, 电子招标投标办法 Art. 35)
/// <c>withdrawn</c>, both without a value.
/// </summary>
public static class OcdsReleaseBuilder
{
    public const string Currency = "CNY";

    /// <summary>The releases of a published tender that are public at <paramref name="nowUtc"/>, oldest first.</summary>
    public static IReadOnlyList<JsonObject> Build(TenderRecord record, string ocidPrefix, DateTime nowUtc)
    {
        var tender = record.Tender;
        if (tender.PublishedAtUtc is not { } published)
        {
            return [];
        }
        var ocid = Ocid(ocidPrefix, tender.Id);
        var events = new List<(string Id, DateTime Date, string Tag)> { ($"{ocid}-tender", published, "tender") };
        events.AddRange(tender.Amendments.Select(a => ($"{ocid}-amendment-{a.Number}", a.PublishedAtUtc, "tenderAmendment")));
        if (nowUtc >= tender.DeadlineUtc)
        {
            events.Add(($"{ocid}-bidding-closed", tender.DeadlineUtc.Value, "tenderUpdate"));
        }
        foreach (var lot in tender.Lots.Where(l => l.OpeningClosedAtUtc is not null))
        {
            events.Add(($"{ocid}-opening-{lot.Number}", lot.OpeningClosedAtUtc!.Value, "tenderUpdate"));
        }
        foreach (var lot in tender.Lots.Where(l => l.AwardedAtUtc is not null))
        {
            events.Add(($"{ocid}-award-{lot.Number}", lot.AwardedAtUtc!.Value, "award"));
        }
        foreach (var contract in record.Contracts)
        {
            var lot = tender.Lots.Single(l => l.Id == contract.LotId);
            events.Add(($"{ocid}-contract-{lot.Number}", contract.RecordedAtUtc, "contract"));
            if (record.Systems.SingleOrDefault(s => s.ContractId == contract.Id) is { } system)
            {
                events.AddRange(record.Statements.Where(s => s.SystemId == system.Id)
                    .Select(s => ($"{ocid}-implementation-{lot.Number}-{s.Period}", s.RatedAtUtc, "implementation")));
            }
        }
        return events.Where(e => e.Date <= nowUtc).OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => Snapshot(record, ocid, e.Id, e.Date, e.Tag)).ToList();
    }

    public static string Ocid(string prefix, Guid tenderId) => $"{prefix}-{tenderId:D}";

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Snapshot(TenderRecord record, string ocid, string id, DateTime at, string tag)
    {
        var tender = record.Tender;
        var biddingClosed = at >= tender.DeadlineUtc;
        var awardedLots = tender.Lots.Where(l => l.AwardedAtUtc <= at).ToList();
        var openedLots = tender.Lots.Where(l => IsOpenedAt(l, at)).ToList();
        var contracts = record.Contracts.Where(c => c.RecordedAtUtc <= at).ToList();
        var buyer = BuyerParty(tender.Buyer);

        var release = new JsonObject
        {
            ["ocid"] = ocid,
            ["id"] = id,
            ["date"] = Date(at),
            ["tag"] = new JsonArray(tag),
            ["initiationType"] = "tender",
            ["language"] = "zh",
            ["parties"] = Parties(record, buyer, openedLots, awardedLots),
            ["buyer"] = new JsonObject { ["id"] = buyer.Id, ["name"] = buyer.Name },
            ["tender"] = TenderSection(tender, at, biddingClosed, buyer),
        };
        if (biddingClosed)
        {
            release["bids"] = BidsSection(record, tender, openedLots);
        }
        if (awardedLots.Count > 0)
        {
            release["awards"] = new JsonArray(awardedLots.Select(l => (JsonNode)Award(record, l, contracts.Any(c => c.LotId == l.Id))).ToArray());
        }
        if (contracts.Count > 0)
        {
            release["contracts"] = new JsonArray(contracts.Select(c => (JsonNode)ContractSection(record, buyer, c, at)).ToArray());
        }
        return release;
    }

    private static JsonObject TenderSection(Tender tender, DateTime at, bool biddingClosed, (string Id, string Name) buyer)
    {
        var amendments = tender.Amendments.Where(a => a.PublishedAtUtc <= at).ToList();
        var deadline = tender.Amendments.Where(a => a.PublishedAtUtc > at).Select(a => a.PreviousDeadlineUtc).FirstOrDefault(tender.DeadlineUtc!.Value);
        var decided = tender.Lots.All(l => l.AwardedAtUtc <= at || (biddingClosed && l.Status == LotStatus.Unsuccessful));
        var section = new JsonObject
        {
            ["id"] = tender.Id.ToString("D"),
            ["title"] = tender.Title,
            ["description"] = tender.Description,
            ["status"] = !biddingClosed ? "active" : decided ? "complete" : "active",
            ["procuringEntity"] = new JsonObject { ["id"] = buyer.Id, ["name"] = buyer.Name },
            ["value"] = Money(tender.BudgetYuan),
            ["procurementMethod"] = "open",
            ["submissionMethod"] = new JsonArray("electronicSubmission"),
            ["tenderPeriod"] = new JsonObject { ["startDate"] = Date(tender.PublishedAtUtc!.Value), ["endDate"] = Date(deadline) },
            ["items"] = new JsonArray(tender.Lots.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.Id.ToString("D"),
                ["description"] = l.Title,
                ["relatedLot"] = l.Id.ToString("D"),
            }).ToArray()),
            ["lots"] = new JsonArray(tender.Lots.Select(l => (JsonNode)LotSection(l, at, biddingClosed)).ToArray()),
        };
        var reserved = tender.Lots.Where(l => l.ReservedForSmes).Select(l => l.Number.ToString(CultureInfo.InvariantCulture)).ToList();
        if (reserved.Count > 0)
        {
            section["eligibilityCriteria"] =
                $"Lot(s) {string.Join(", ", reserved)} reserved for small and medium enterprises (专项标段, 财库〔2020〕46号): only micro, small and medium enterprises may bid.";
        }
        if (amendments.Count > 0)
        {
            section["amendments"] = new JsonArray(amendments.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Number.ToString(CultureInfo.InvariantCulture),
                ["date"] = Date(a.PublishedAtUtc),
                ["description"] = a.Notice,
                ["rationale"] = a.NewDeadlineUtc is { } moved
                    ? $"Deadline extended from {Date(a.PreviousDeadlineUtc)} to {Date(moved)}."
                    : "Clarification; the deadline is unchanged.",
            }).ToArray());
        }
        return section;
    }

    /// <summary>A lot (lots extension); a lot reserved for SMEs carries <c>suitability.sme = true</c> (suitability extension).</summary>
    private static JsonObject LotSection(Lot lot, DateTime at, bool biddingClosed)
    {
        var status = lot.AwardedAtUtc <= at ? "complete"
            : biddingClosed && lot.Status == LotStatus.Unsuccessful ? "unsuccessful"
            : "active";
        return new JsonObject
        {
            ["id"] = lot.Id.ToString("D"),
            ["title"] = lot.Title,
            ["description"] = lot.ReservedForSmes ? $"{lot.Description}\n(Reserved for small and medium enterprises, 专项标段: large enterprises may not bid.)" : lot.Description,
            ["status"] = status,
            ["value"] = Money(lot.ValueYuan),
            ["suitability"] = new JsonObject { ["sme"] = lot.ReservedForSmes },
        };
    }

    /// <summary>
    /// Statistics per lot and declared size class from the deadline on (counts only: the size class is declared in the
    /// clear with the bid); bid details (bidder, status, price of a decrypted bid) only for lots whose opening is complete.
    /// </summary>
    private static JsonObject BidsSection(TenderRecord record, Tender tender, IReadOnlyList<Lot> openedLots)
    {
        var deadline = Date(tender.DeadlineUtc!.Value);
        var statistics = new JsonArray();
        foreach (var lot in tender.Lots)
        {
            var bids = ReceivedBids(record, lot).ToList();
            void Add(string measure, int value, string notes) => statistics.Add(new JsonObject
            {
                ["id"] = $"{lot.Number}-{measure}",
                ["measure"] = measure,
                ["value"] = value,
                ["date"] = deadline,
                ["notes"] = notes,
                ["relatedLot"] = lot.Id.ToString("D"),
            });
            Add("bids", bids.Count, "Bids received by the deadline.");
            Add("smeBids", bids.Count(b => b.SizeClass.IsSme()), "Bids from micro, small and medium enterprises (size declared with the bid).");
            foreach (var size in Enum.GetValues<SizeClass>())
            {
                Add($"{size.ToKey()}Bids", bids.Count(b => b.SizeClass == size), $"Bids from {size.ToKey()} enterprises (size declared with the bid).");
            }
        }
        var section = new JsonObject { ["statistics"] = statistics };
        if (openedLots.Count > 0)
        {
            section["details"] = new JsonArray(openedLots.SelectMany(l => RecordedBids(record, l)).Select(b => (JsonNode)BidDetail(record, b)).ToArray());
        }
        return section;
    }

    /// <summary>
    /// One bid of the opening record: decrypted and valid with its price; invalid (<c>disqualified</c>) or void
    /// (<c>withdrawn</c>) without one. Never called for a sealed bid.
    /// </summary>
    private static JsonObject BidDetail(TenderRecord record, Bid bid)
    {
        var detail = new JsonObject
        {
            ["id"] = bid.Id.ToString("D"),
            ["date"] = Date(bid.SubmittedAtUtc),
            ["status"] = bid.Status switch
            {
                BidStatus.Opened => "valid",
                BidStatus.Invalid => "disqualified",
                BidStatus.Void => "withdrawn",
                _ => throw new InvalidOperationException($"A {bid.Status} bid is not part of an opening record."),
            },
            ["tenderers"] = new JsonArray(SupplierReference(record.Suppliers[bid.SupplierId])),
        };
        if (bid.Status == BidStatus.Opened)
        {
            detail["value"] = Money(bid.PriceYuan!.Value);
        }
        detail["relatedLots"] = new JsonArray(bid.LotId.ToString("D"));
        return detail;
    }

    private static JsonObject Award(TenderRecord record, Lot lot, bool contracted)
    {
        var winner = record.Bids.Single(b => b.Id == lot.AwardedBidId);
        var award = new JsonObject
        {
            ["id"] = $"award-{lot.Id:D}",
            ["title"] = lot.Title,
            ["status"] = contracted ? "active" : "pending",
            ["date"] = Date(lot.AwardedAtUtc!.Value),
            ["value"] = Money(winner.PriceYuan!.Value),
            ["suppliers"] = new JsonArray(SupplierReference(record.Suppliers[winner.SupplierId])),
            ["relatedLots"] = new JsonArray(lot.Id.ToString("D")),
        };
        if (lot.AwardJustification is { } justification)
        {
            award["description"] = justification;
        }
        return award;
    }

    private static JsonObject ContractSection(TenderRecord record, (string Id, string Name) buyer, Contract contract, DateTime at)
    {
        var section = new JsonObject
        {
            ["id"] = contract.Id.ToString("D"),
            ["awardID"] = $"award-{contract.LotId:D}",
            ["title"] = record.Tender.Lots.Single(l => l.Id == contract.LotId).Title,
            ["status"] = "active",
            ["value"] = Money(contract.ValueYuan),
            ["period"] = new JsonObject
            {
                ["startDate"] = Date(contract.StartsOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
                ["endDate"] = Date(contract.EndsOn.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc)),
            },
            ["dateSigned"] = Date(contract.RecordedAtUtc),
        };
        var system = record.Systems.SingleOrDefault(s => s.ContractId == contract.Id);
        var statements = system is null ? [] : record.Statements.Where(s => s.SystemId == system.Id && s.RatedAtUtc <= at).OrderBy(s => s.Period, StringComparer.Ordinal).ToList();
        if (system is not null && statements.Count > 0)
        {
            section["implementation"] = Implementation(system, statements, buyer, record.Suppliers[contract.SupplierId]);
        }
        return section;
    }

    /// <summary>
    /// What the delivered system has done up to a release: its delivery and each rated month's KPIs as milestones (type
    /// <c>delivery</c>, status <c>met</c> / <c>partiallyMet</c> / <c>notMet</c>, the observed value and target in the
    /// description), and each month's outcome-based payment as a transaction from the buyer to the supplier, dated when
    /// the month was rated, with its deductions described.
    /// </summary>
    private static JsonObject Implementation(DeliveredSystem system, IReadOnlyList<MonthlyStatement> statements, (string Id, string Name) buyer, Supplier supplier)
    {
        var milestones = new JsonArray(new JsonObject
        {
            ["id"] = "delivered",
            ["title"] = $"System delivered: {system.Name}",
            ["type"] = "delivery",
            ["code"] = "systemDelivered",
            ["status"] = "met",
            ["dateMet"] = Date(system.InOperationSinceUtc),
            ["description"] = $"In operation from {system.DeliveredOn:yyyy-MM-dd} (China time); monthly operating fee {Yuan(system.MonthlyFeeYuan)}, paid by results against five KPI targets.",
        });
        var transactions = new JsonArray();
        foreach (var statement in statements)
        {
            var period = Period.Parse(statement.Period);
            foreach (var rating in statement.Ratings.OrderBy(r => r.Kpi))
            {
                var key = Kpis.ToKey(rating.Kpi);
                var milestone = new JsonObject
                {
                    ["id"] = $"kpi-{statement.Period}-{key}",
                    ["title"] = $"{key} {statement.Period}",
                    ["type"] = "delivery",
                    ["code"] = $"kpi:{key}",
                    ["status"] = rating.Band switch
                    {
                        RatingBand.Met => "met",
                        RatingBand.SlightlyBelow or RatingBand.Below => "partiallyMet",
                        _ => "notMet",
                    },
                    ["dueDate"] = Date(period.EndUtc),
                    ["dateModified"] = Date(statement.RatedAtUtc),
                    ["description"] = KpiDescription(rating),
                };
                if (rating.Band == RatingBand.Met)
                {
                    milestone["dateMet"] = Date(statement.RatedAtUtc);
                }
                milestones.Add(milestone);
            }
            transactions.Add(new JsonObject
            {
                ["id"] = $"payment-{statement.Period}",
                ["date"] = Date(statement.RatedAtUtc),
                ["value"] = Money(statement.PaymentYuan),
                ["payer"] = new JsonObject { ["id"] = buyer.Id, ["name"] = buyer.Name },
                ["payee"] = SupplierReference(supplier),
                ["description"] = PaymentDescription(statement),
            });
        }
        return new JsonObject { ["transactions"] = transactions, ["milestones"] = milestones };
    }

    private static string KpiDescription(KpiRating rating)
    {
        var target = $"target {(Kpis.Direction(rating.Kpi) == KpiDirection.HigherIsBetter ? "at least" : "at most")} {Kpis.Format(rating.Kpi, rating.TargetValue)}";
        var observed = rating.Value is { } value ? $"Observed {Kpis.Format(rating.Kpi, value)} ({target})" : $"No observation reported ({target}), counted as significantly below";
        var deduction = rating.DeductionYuan == 0 ? "no deduction" : $"{rating.DeductionPercent.ToString("0.##", CultureInfo.InvariantCulture)}% of the fee deducted ({Yuan(rating.DeductionYuan)})";
        return $"{observed}: {Bands.Label(Bands.ToKey(rating.Band)).ToLowerInvariant()}, {deduction}.";
    }

    private static string PaymentDescription(MonthlyStatement statement)
    {
        var deductions = statement.Ratings.Where(r => r.DeductionYuan > 0).OrderBy(r => r.Kpi)
            .Select(r => $"{Kpis.ToKey(r.Kpi)} {Bands.Label(Bands.ToKey(r.Band)).ToLowerInvariant()} {Yuan(r.DeductionYuan)}").ToList();
        var detail = deductions.Count == 0 ? "no deductions, every KPI target met" : $"deductions {Yuan(statement.DeductionYuan)} ({string.Join("; ", deductions)})";
        return $"Operating fee for {statement.Period}: {Yuan(statement.MonthlyFeeYuan)} less {detail}; paid {Yuan(statement.PaymentYuan)}." +
            (statement.Idle ? $" The system was idle: {statement.IdleDescription}" : "");
    }

    private static string Yuan(decimal yuan) => $"{yuan.ToString("#,0.00", CultureInfo.InvariantCulture)} CNY";

    /// <summary>
    /// The buyer, and the bidders of lots whose opening is complete with the size class declared with their bid (party
    /// scale extension); a winner is also a supplier.
    /// </summary>
    private static JsonArray Parties(TenderRecord record, (string Id, string Name) buyer, IReadOnlyList<Lot> openedLots, IReadOnlyList<Lot> awardedLots)
    {
        var parties = new JsonArray(new JsonObject
        {
            ["id"] = buyer.Id,
            ["name"] = buyer.Name,
            ["roles"] = new JsonArray("buyer", "procuringEntity"),
        });
        var winners = awardedLots.Select(l => l.AwardedBidId).ToHashSet();
        foreach (var bidder in openedLots.SelectMany(l => RecordedBids(record, l)).GroupBy(b => b.SupplierId))
        {
            var supplier = record.Suppliers[bidder.Key];
            var won = bidder.FirstOrDefault(b => winners.Contains(b.Id));
            var declared = (won ?? bidder.OrderByDescending(b => b.SubmittedAtUtc).First()).SizeClass;
            var roles = won is null ? new JsonArray("tenderer") : new JsonArray("tenderer", "supplier");
            parties.Add(new JsonObject
            {
                ["id"] = SupplierPartyId(supplier),
                ["name"] = supplier.Name,
                ["identifier"] = new JsonObject { ["scheme"] = CreditCodeScheme, ["id"] = supplier.CreditCode ?? "", ["legalName"] = supplier.Name },
                ["address"] = new JsonObject { ["region"] = supplier.Region, ["countryName"] = "China" },
                ["roles"] = roles,
                ["details"] = new JsonObject { ["scale"] = declared.ToKey() },
            });
        }
        return parties;
    }

    /// <summary>The identifier scheme of the unified social credit code (统一社会信用代码) in org-id.guide.</summary>
    public const string CreditCodeScheme = "CN-USCC";

    /// <summary>Bidders always have a credit code (only an unclaimed imported profile lacks one, and it cannot bid).</summary>
    public static string SupplierPartyId(Supplier supplier) => $"{CreditCodeScheme}-{supplier.CreditCode}";

    private static JsonObject SupplierReference(Supplier supplier) => new() { ["id"] = SupplierPartyId(supplier), ["name"] = supplier.Name };

    /// <summary>The buyer is a department named in text; its party id is a stable hash of that name.</summary>
    private static (string Id, string Name) BuyerParty(string name) =>
        ($"buyer-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16]}", name);

    /// <summary>
    /// Whether the lot's opening is complete at <paramref name="at"/> (its record published); a lot awarded before bids
    /// were sealed has no opening of its own, and its award published its bids.
    /// </summary>
    private static bool IsOpenedAt(Lot lot, DateTime at) => lot.OpeningClosedAtUtc <= at || lot.AwardedAtUtc <= at;

    /// <summary>The bids received by the deadline (not withdrawn), whatever became of them at the opening: counted, never read.</summary>
    private static IEnumerable<Bid> ReceivedBids(TenderRecord record, Lot lot) =>
        record.Bids.Where(b => b.LotId == lot.Id && b.Status != BidStatus.Withdrawn);

    /// <summary>The bids of a lot's opening record once it is complete: decrypted, invalid or void (none is left sealed).</summary>
    private static IEnumerable<Bid> RecordedBids(TenderRecord record, Lot lot) =>
        record.Bids.Where(b => b.LotId == lot.Id && b.Status is BidStatus.Opened or BidStatus.Invalid or BidStatus.Void)
            .OrderBy(b => b.SubmittedAtUtc).ThenBy(b => b.Id);

    private static JsonObject Money(decimal yuan) => new() { ["amount"] = yuan, ["currency"] = Currency };
}
