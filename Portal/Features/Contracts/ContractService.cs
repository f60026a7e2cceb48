using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Contracts;
using Portal.Domain.Subsidies;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Subsidies;
using Portal.Features.Tenders;

namespace Portal.Features.Contracts;

/// <summary>
/// Records the contract of an awarded lot once its standstill period is over. A contract with an SME winner creates its
/// subsidy grant (state eligible) in the same save, drawing on the programme of the year the contract is recorded in.
/// Every rule is the domain's; this class loads, saves and turns a lost race into a conflict.
/// </summary>
public sealed class ContractService(
    IDbContextFactory<PortalDbContext> contexts,
    SubsidyProgrammes programmes,
    TimeProvider clock,
    ILogger<ContractService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The recorded contract and its grant; null when there is no such lot.</summary>
    public async Task<RecordedContract?> RecordAsync(Guid lotId, ContractInput input, CancellationToken cancellationToken = default)
    {
        var value = input.ValueYuan ?? throw new DomainException("Enter the contract value in yuan.", "valueYuan");
        var startsOn = input.StartsOn ?? throw new DomainException("Enter the date the contract starts.", "startsOn");
        var endsOn = input.EndsOn ?? throw new DomainException("Enter the date the contract ends.", "endsOn");
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId && l.Status != LotStatus.Draft, cancellationToken);
        if (lot is null)
        {
            return null;
        }
        if (lot.AwardedBidId is not { } bidId)
        {
            throw DomainException.Conflict(new Phrase("A contract is recorded only for an awarded lot; this one is {0}.", lot.Status));
        }
        var winner = await db.Bids.SingleAsync(b => b.Id == bidId, cancellationToken);
        // The size the winner declared with its bid decides the subsidy, not its profile today.
        var size = winner.SizeClass;

        var contract = Contract.Record(lot, winner, value, startsOn, endsOn, now);
        // The year's programme is created (if need be) only for a contract that is about to be saved with an SME winner.
        var grant = size.IsSme()
            ? SubsidyGrant.For(await programmes.ForYearAsync(SubsidyProgrammes.YearOf(now), cancellationToken), contract, size, now)
            : null;
        db.Contracts.Add(contract);
        if (grant is not null)
        {
            db.SubsidyGrants.Add(grant);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another officer recorded this lot's contract first: the unique lot index refused the second.
            logger.LogInformation(ex, "A simultaneous contract for lot {LotId} was refused.", lotId);
            throw DomainException.Conflict("This lot already has its contract.");
        }
        logger.LogInformation("Contract {ContractId} recorded for lot {LotId}; grant {GrantId}.", contract.Id, lotId, grant?.Id);
        return new RecordedContract(ContractView.From(contract), grant is null ? null : GrantSummary.From(grant));
    }

    /// <summary>What the officer's contract page shows for a lot: its award, and the contract once recorded; null for no such lot.</summary>
    public async Task<LotContract?> ForLotAsync(Guid lotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking()
            .Where(l => l.Id == lotId && l.Status != LotStatus.Draft)
            .Join(db.Tenders, l => l.TenderId, t => t.Id, (l, t) => new
            {
                l.Id, l.TenderId, TenderTitle = t.Title, l.Number, l.Title, l.Status, l.AwardedBidId, l.AwardedAtUtc, l.StandstillEndsAtUtc,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var winner = lot.AwardedBidId is { } bidId
            ? await db.Bids.AsNoTracking().Where(b => b.Id == bidId)
                .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new { s.Id, s.Name, b.SizeClass, b.PriceYuan })
                .SingleAsync(cancellationToken)
            : null;
        var contract = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.LotId == lotId, cancellationToken);
        var grant = contract is null
            ? null
            : await db.SubsidyGrants.AsNoTracking().Where(g => g.ContractId == contract.Id).SingleOrDefaultAsync(cancellationToken);
        return new LotContract(
            lot.Id, lot.TenderId, lot.TenderTitle, lot.Number, lot.Title, LotStatuses.ToKey(lot.Status), lot.AwardedAtUtc, lot.StandstillEndsAtUtc,
            winner is null ? null : new AwardedWinner(winner.Id, winner.Name, winner.SizeClass.ToKey(), winner.PriceYuan!.Value),
            contract is null ? null : ContractView.From(contract), grant is null ? null : GrantSummary.From(grant));
    }
}

public sealed record ContractInput(decimal? ValueYuan, DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record ContractView(Guid Id, Guid LotId, Guid BidId, Guid SupplierId, decimal ValueYuan, DateOnly StartsOn, DateOnly EndsOn, DateTime RecordedAt)
{
    public static ContractView From(Contract c) => new(c.Id, c.LotId, c.BidId, c.SupplierId, c.ValueYuan, c.StartsOn, c.EndsOn, c.RecordedAtUtc);
}

/// <summary>The grant a contract created, as the contract's answer shows it (the ledger has the full line).</summary>
public sealed record GrantSummary(Guid Id, decimal ContractValueYuan, decimal AmountYuan, string State)
{
    public static GrantSummary From(SubsidyGrant g) => new(g.Id, g.ContractValueYuan, g.AmountYuan, GrantStates.ToKey(g.State));
}

public sealed record RecordedContract(ContractView Contract, GrantSummary? Grant);

public sealed record AwardedWinner(Guid SupplierId, string Name, string SizeClass, decimal PriceYuan);

public sealed record LotContract(
    Guid LotId, Guid TenderId, string TenderTitle, int Number, string Title, string Status, DateTime? AwardedAt, DateTime? StandstillEndsAt,
    AwardedWinner? Winner, ContractView? Contract, GrantSummary? Grant);
