using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Notifications;
using Portal.Localization;
using Portal.Search;

namespace Portal.Features.Tenders;

/// <summary>
/// Matching a lot's needs to suppliers (officers) and open lots to a supplier (SMEs): the search index ranks, the
/// domain judges eligibility requirement by requirement.
/// </summary>
public sealed class LotMatching(IDbContextFactory<PortalDbContext> contexts, SupplierIndex index, TimeProvider clock)
{
    /// <summary>How many best-ranked suppliers are judged for eligibility.</summary>
    public const int Candidates = 100;

    public async Task<LotMatches?> MatchAsync(Guid lotId, bool eligibleOnly, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var tender = await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken);
        var ranked = await RankAsync(db, lot, Candidates, cancellationToken);
        // The rank and relevance are among all ranked suppliers, eligible or not: filtering does not renumber them.
        var best = ranked.Count == 0 ? 0f : ranked.Max(r => r.Hit.Score);
        var items = ranked
            .Select((r, i) => new SupplierMatch(r.Hit.Id, r.Hit.Name, r.Hit.SizeClass, r.Hit.Region, r.Hit.Score, r.Hit.Snippet, r.Hit.MatchedTerms,
                r.Eligibility.Eligible, r.Eligibility.Checks.Select(RequirementResult.From).ToList(), lot.InvitedSupplierIds.Contains(r.Hit.Id),
                r.Hit.MatchedWords, i + 1, Relevance(r.Hit.Score, best)))
            .Where(m => !eligibleOnly || m.Eligible)
            .ToList();
        return new LotMatches(lot.Id, tender.Title, lot.Title, lot.Status, lot.ReservedForSmes, items);
    }

    /// <summary>
    /// The suppliers whose profiles best fit a lot's needs (at most <paramref name="candidates"/>, best first), each with
    /// its eligibility for the lot today.
    /// </summary>
    public async Task<IReadOnlyList<RankedSupplier>> RankAsync(PortalDbContext db, Lot lot, int candidates, CancellationToken cancellationToken = default)
    {
        var hits = index.Search(new SupplierQuery(NeedsText(lot), PageSize: candidates)).Items;
        var ids = hits.Select(h => h.Id).ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var today = Today;
        return hits
            .Where(h => suppliers.ContainsKey(h.Id))
            .Select(h => new RankedSupplier(h, suppliers[h.Id], lot.CheckEligibility(suppliers[h.Id], today)))
            .ToList();
    }

    /// <summary>Invites a supplier to bid and tells the user who maintains its profile.</summary>
    public async Task<InvitationResult> InviteAsync(Guid lotId, Guid supplierId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        var supplier = await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        if (lot is null || supplier is null)
        {
            return new InvitationResult(InvitationOutcome.NotFound, Phrase.Of(lot is null ? "No lot has this id." : "No supplier has this id."));
        }
        bool added;
        try
        {
            added = lot.Invite(supplierId);
        }
        catch (DomainException ex)
        {
            return new InvitationResult(InvitationOutcome.Refused, ex.Phrase);
        }
        if (!added)
        {
            return new InvitationResult(InvitationOutcome.AlreadyInvited, new Phrase("{0} was already invited to this lot.", supplier.Name));
        }
        var tender = await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken);
        if (supplier.OwnerUserId is { } owner)
        {
            db.Notifications.Add(new Notification(owner,
                new Phrase("Invitation to bid: {0}", lot.Title),
                new Phrase("{0} invites {1} to bid for \"{2}\" of \"{3}\". Bids close {4}.", tender.Buyer, supplier.Name, lot.Title, tender.Title, tender.DeadlineUtc),
                $"/lots/for-you#{lot.Id}",
                clock.GetUtcNow().UtcDateTime));
        }
        await db.SaveChangesAsync(cancellationToken);
        return supplier.OwnerUserId is null
            ? new InvitationResult(InvitationOutcome.Invited, new Phrase("{0} is invited; no portal user maintains its profile yet, so nobody was notified.", supplier.Name))
            : new InvitationResult(InvitationOutcome.Invited, new Phrase("{0} is invited and has been notified.", supplier.Name));
    }

    /// <summary>The open lots ranked by how well their needs fit one supplier's profile, with its eligibility for each.</summary>
    public async Task<IReadOnlyList<LotForSupplier>> LotsForAsync(Guid supplierId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Suppliers.AsNoTracking().SingleAsync(s => s.Id == supplierId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Lots.AsNoTracking()
            .Where(l => l.Status == LotStatus.Open)
            .Join(db.Tenders.Where(t => t.DeadlineUtc > now), l => l.TenderId, t => t.Id, (l, t) => new { Lot = l, Tender = t })
            .ToListAsync(cancellationToken);
        var today = Today;
        return open
            .Select(o =>
            {
                var eligibility = o.Lot.CheckEligibility(supplier, today);
                return new LotForSupplier(o.Lot.Id, o.Tender.Title, o.Tender.Buyer, o.Lot.Title, o.Lot.Description, o.Lot.ValueYuan,
                    o.Lot.ReservedForSmes, o.Tender.DeadlineUtc!.Value, index.ScoreFor(supplierId, NeedsText(o.Lot)),
                    eligibility.Eligible, eligibility.Checks.Select(RequirementResult.From).ToList(), o.Lot.InvitedSupplierIds.Contains(supplierId));
            })
            .OrderByDescending(l => l.Score)
            .ThenBy(l => l.DeadlineUtc)
            .ToList();
    }

    /// <summary>A score relative to the best one for the same needs, 0–1 to three places (the best match is 1).</summary>
    public static double Relevance(float score, float best) =>
        best <= 0 || float.IsNaN(score) ? 0 : Math.Round(Math.Clamp(score / (double)best, 0, 1), 3);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string NeedsText(Lot lot) => $"{lot.Title} {lot.Description}";
}

/// <summary>
/// One requirement judged for one supplier. Pages render <see cref="ReasonPhrase"/> in the page's language; the API
/// writes <c>reason</c> in the request's (Accept-Language) and <c>code</c>, the reason's English template, which stays
/// the same whatever the language and the arguments.
/// </summary>
public sealed record RequirementResult(string Kind, bool Met, string Outcome, [property: JsonIgnore] Phrase ReasonPhrase)
{
    [JsonPropertyOrder(1)]
    public string Reason => PortalText.Render(ReasonPhrase);

    [JsonPropertyOrder(2)]
    public string Code => ReasonPhrase.Template;

    public static RequirementResult From(RequirementCheck check) => new(
        RequirementKinds.ToKey(check.Kind), check.Met, RequirementKinds.Camel(check.Outcome.ToString()), check.Reason);
}

/// <summary>A supplier found for a lot's needs, and whether it may bid.</summary>
public sealed record RankedSupplier(SupplierHit Hit, Supplier Supplier, EligibilityResult Eligibility);

/// <summary>
/// A supplier found for a lot. <paramref name="Score"/> is the search engine's raw score (comparable only within one
/// lot); <paramref name="Rank"/> its place among all suppliers found (1 = best), <paramref name="Relevance"/> its score
/// as a share of the best one (0–1). <paramref name="MatchedTerms"/> are the index terms (CJK bigrams, English stems);
/// <paramref name="MatchedWords"/> the same hits as the supplier's profile writes them.
/// </summary>
public sealed record SupplierMatch(
    Guid SupplierId, string Name, string SizeClass, string Region, float Score, string Snippet, IReadOnlyList<string> MatchedTerms,
    bool Eligible, IReadOnlyList<RequirementResult> Requirements, bool Invited,
    IReadOnlyList<string> MatchedWords, int Rank, double Relevance);

public sealed record LotMatches(Guid LotId, string TenderTitle, string LotTitle, LotStatus Status, bool ReservedForSmes, IReadOnlyList<SupplierMatch> Items);

public sealed record LotForSupplier(
    Guid LotId, string TenderTitle, string Buyer, string Title, string Description, decimal ValueYuan, bool ReservedForSmes,
    DateTime DeadlineUtc, float Score, bool Eligible, IReadOnlyList<RequirementResult> Requirements, bool Invited);

public enum InvitationOutcome
{
    Invited,
    AlreadyInvited,
    NotFound,
    Refused,
}

public sealed record InvitationResult(InvitationOutcome Outcome, Phrase Message);
