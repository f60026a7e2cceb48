using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Features.OpenData;

/// <summary>A published tender with everything its releases draw on: the bids of its lots, their bidders, its contracts.</summary>
public sealed record TenderRecord(Tender Tender, IReadOnlyList<Bid> Bids, IReadOnlyDictionary<Guid, Supplier> Suppliers, IReadOnlyList<Contract> Contracts);

/// <summary>
/// Builds the OCDS 1.1 releases of one tender from its stored state and history. Each public state change is one
/// release with a stable id and date, and each release is a snapshot of what was public at that date:
/// <list type="bullet">
/// <item><c>{ocid}-tender</c> at publication (tag <c>tender</c>);</item>
/// <item><c>{ocid}-amendment-{n}</c> per amendment notice (<c>tenderAmendment</c>);</item>
/// <item><c>{ocid}-bidding-closed</c> at the deadline, with the bid statistics per size class (<c>tenderUpdate</c>);</item>
/// <item><c>{ocid}-award-{lot number}</c> per award (<c>award</c>), adding that lot's bid details and bidders;</item>
/// <item><c>{ocid}-contract-{lot number}</c> per contract (<c>contract</c>).</item>
/// </list>
/// Sealed bids never show before the deadline: statistics appear from the deadline on, and a lot's bid details (prices,
/// bidders) only once it is awarded. Implementation releases (KPI observations, payments) slot in as further events
/// whose snapshot adds <c>contracts[].implementation</c>.
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
        foreach (var lot in tender.Lots.Where(l => l.AwardedAtUtc is not null))
        {
            events.Add(($"{ocid}-award-{lot.Number}", lot.AwardedAtUtc!.Value, "award"));
        }
        foreach (var contract in record.Contracts)
        {
            var lot = tender.Lots.Single(l => l.Id == contract.LotId);
            events.Add(($"{ocid}-contract-{lot.Number}", contract.RecordedAtUtc, "contract"));
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
            ["parties"] = Parties(record, buyer, awardedLots),
            ["buyer"] = new JsonObject { ["id"] = buyer.Id, ["name"] = buyer.Name },
            ["tender"] = TenderSection(tender, at, biddingClosed, buyer),
        };
        if (biddingClosed)
        {
            release["bids"] = BidsSection(record, tender, awardedLots);
        }
        if (awardedLots.Count > 0)
        {
            release["awards"] = new JsonArray(awardedLots.Select(l => (JsonNode)Award(record, l, contracts.Any(c => c.LotId == l.Id))).ToArray());
        }
        if (contracts.Count > 0)
        {
            release["contracts"] = new JsonArray(contracts.Select(c => (JsonNode)ContractSection(tender, c)).ToArray());
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
    /// Statistics per lot and declared size class from the deadline on; bid details (bidder, price) only for awarded lots.
    /// </summary>
    private static JsonObject BidsSection(TenderRecord record, Tender tender, IReadOnlyList<Lot> awardedLots)
    {
        var deadline = Date(tender.DeadlineUtc!.Value);
        var statistics = new JsonArray();
        foreach (var lot in tender.Lots)
        {
            var bids = ActiveBids(record, lot).ToList();
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
        if (awardedLots.Count > 0)
        {
            section["details"] = new JsonArray(awardedLots.SelectMany(l => ActiveBids(record, l)).Select(b => (JsonNode)new JsonObject
            {
                ["id"] = b.Id.ToString("D"),
                ["date"] = Date(b.SubmittedAtUtc),
                ["status"] = "valid",
                ["tenderers"] = new JsonArray(SupplierReference(record.Suppliers[b.SupplierId])),
                ["value"] = Money(b.PriceYuan),
                ["relatedLots"] = new JsonArray(b.LotId.ToString("D")),
            }).ToArray());
        }
        return section;
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
            ["value"] = Money(winner.PriceYuan),
            ["suppliers"] = new JsonArray(SupplierReference(record.Suppliers[winner.SupplierId])),
            ["relatedLots"] = new JsonArray(lot.Id.ToString("D")),
        };
        if (lot.AwardJustification is { } justification)
        {
            award["description"] = justification;
        }
        return award;
    }

    private static JsonObject ContractSection(Tender tender, Contract contract) => new()
    {
        ["id"] = contract.Id.ToString("D"),
        ["awardID"] = $"award-{contract.LotId:D}",
        ["title"] = tender.Lots.Single(l => l.Id == contract.LotId).Title,
        ["status"] = "active",
        ["value"] = Money(contract.ValueYuan),
        ["period"] = new JsonObject
        {
            ["startDate"] = Date(contract.StartsOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
            ["endDate"] = Date(contract.EndsOn.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc)),
        },
        ["dateSigned"] = Date(contract.RecordedAtUtc),
    };

    /// <summary>The buyer, and the bidders of awarded lots with the size class declared with their bid (party scale extension).</summary>
    private static JsonArray Parties(TenderRecord record, (string Id, string Name) buyer, IReadOnlyList<Lot> awardedLots)
    {
        var parties = new JsonArray(new JsonObject
        {
            ["id"] = buyer.Id,
            ["name"] = buyer.Name,
            ["roles"] = new JsonArray("buyer", "procuringEntity"),
        });
        var winners = awardedLots.Select(l => l.AwardedBidId).ToHashSet();
        foreach (var bidder in awardedLots.SelectMany(l => ActiveBids(record, l)).GroupBy(b => b.SupplierId))
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

    private static IEnumerable<Bid> ActiveBids(TenderRecord record, Lot lot) =>
        record.Bids.Where(b => b.LotId == lot.Id && b.Status == BidStatus.Active).OrderBy(b => b.SubmittedAtUtc).ThenBy(b => b.Id);

    private static JsonObject Money(decimal yuan) => new() { ["amount"] = yuan, ["currency"] = Currency };
}
