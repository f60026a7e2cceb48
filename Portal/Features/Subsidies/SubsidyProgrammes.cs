using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Subsidies;

namespace Portal.Features.Subsidies;

/// <summary>
/// Each year's subsidy programme, created from the settings the first time the year needs one. Two requests creating
/// the same year at once end with one programme: the unique year refuses the second insert, which then reads the first.
/// </summary>
public sealed class SubsidyProgrammes(IDbContextFactory<PortalDbContext> contexts, IOptions<SubsidyOptions> options, ILogger<SubsidyProgrammes> logger)
{
    private static readonly TimeSpan _chinaOffset = TimeSpan.FromHours(8);

    /// <summary>The budget year an instant falls in: the calendar year in China time (UTC+8).</summary>
    public static int YearOf(DateTime utc) => (utc + _chinaOffset).Year;

    public async Task<SubsidyProgramme> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SubsidyProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Year == year, cancellationToken) is { } existing)
        {
            return existing;
        }
        var programme = options.Value.ProgrammeFor(year);
        db.SubsidyProgrammes.Add(programme);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created the {Year} subsidy programme: rate {Rate}, budget {Budget} yuan.", year, programme.Rate, programme.AnnualBudgetYuan);
            return programme;
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "The {Year} subsidy programme was created by another request meanwhile.", year);
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return await again.SubsidyProgrammes.AsNoTracking().SingleAsync(p => p.Year == year, cancellationToken);
        }
    }
}
