using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain;
using Portal.Features.Effectiveness.Pages;
using Portal.Localization;
using Portal.Data;
using Portal.Domain.Effectiveness;
using Portal.Features.Accounts;
using Portal.Features.Notifications;

namespace Portal.Features.Effectiveness;

/// <summary>
/// The monthly rating: on the 1st at 02:00 Beijing time (and whenever an official asks), every delivered system gets a
/// statement for each ended month since its delivery that has none: each KPI rated, the payment computed, idle systems
/// flagged. The responsible officer and every official are told (notification key <c>statement:{systemId}:{period}</c>,
/// e-mailed too when SMTP is set).
/// A month already rated is skipped, and the unique (system, period) index refuses a second statement from a run on
/// another node, so running the job twice rates once and tells once.
/// </summary>
public sealed class MonthlyRatingJob(
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<EffectivenessOptions> options,
    IOptions<SmtpOptions> smtp,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<MonthlyRatingJob> logger)
{
    public const string RecurringJobId = "monthly-kpi-rating";

    /// <summary>02:00 on the 1st of each month, in <c>Asia/Shanghai</c>.</summary>
    public const string Schedule = "0 2 1 * *";

    public static string KeyFor(Guid systemId, string period) => $"statement:{systemId}:{period}";

    public static void AddRecurring(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<MonthlyRatingJob>(RecurringJobId, j => j.RunAsync(CancellationToken.None), Schedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") });

    [AutomaticRetry(Attempts = 3)]
    public async Task<RatingRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = options.Value.Rule;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = await db.DeliveredSystems.AsNoTracking().ToListAsync(cancellationToken);
        var officials = await db.UserIdsInRoleAsync(Roles.Official, cancellationToken);
        var made = new List<MonthlyStatement>();
        foreach (var system in systems)
        {
            var rated = (await db.MonthlyStatements.Where(s => s.SystemId == system.Id).Select(s => s.Period).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var period in MonthlyStatement.DuePeriods(system, rated, now))
            {
                if (await RateAsync(db, system, period, rule, officials, now, cancellationToken) is { } statement)
                {
                    made.Add(statement);
                }
            }
        }
        logger.LogInformation("Monthly rating: {Count} statements made, {Idle} idle.", made.Count, made.Count(s => s.Idle));
        return new RatingRun(made.Count, made.Count(s => s.Idle), [.. made.Select(StatementView.From)]);
    }

    /// <summary>Rates one month and saves it with its notifications, or nothing when another run saved it first.</summary>
    private async Task<MonthlyStatement?> RateAsync(
        PortalDbContext db, DeliveredSystem system, Period period, IdleRule rule, IReadOnlyList<string> officials, DateTime now, CancellationToken cancellationToken)
    {
        var key = period.ToString();
        var observations = await db.KpiObservations.AsNoTracking().Where(o => o.SystemId == system.Id && o.Period == key).ToListAsync(cancellationToken);
        var lastData = await db.KpiObservations.Where(o => o.SystemId == system.Id).MaxAsync(o => (DateTime?)o.RecordedAtUtc, cancellationToken);
        var statement = MonthlyStatement.Rate(system, period, observations, lastData, rule, now);
        db.MonthlyStatements.Add(statement);
        var recipients = officials.Append(system.ResponsibleOfficerUserId).Distinct().ToList();
        var notifications = recipients.Select(user => Describe(user, system, statement, now)).ToList();
        db.Notifications.AddRange(notifications);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            notifications.ForEach(n => NotificationEmailJob.Enqueue(jobs, smtp.Value, n.Id));
            return statement;
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "System {SystemId} was rated for {Period} by another run meanwhile.", system.Id, key);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static Notification Describe(string userId, DeliveredSystem system, MonthlyStatement statement, DateTime now)
    {
        var missed = statement.Ratings.Where(r => r.Band != RatingBand.Met)
            .Select(r => new Phrase("{0} {1}", Phrase.Of(SystemPage.KpiLabel(r.Kpi)), Phrase.Of(Bands.Label(Bands.ToKey(r.Band)))))
            .ToList();
        var payment = new Phrase("Payment {0} of the monthly fee {1} (deductions {2}).",
            new Yuan(statement.PaymentYuan), new Yuan(statement.MonthlyFeeYuan), new Yuan(statement.DeductionYuan));
        var ratings = missed.Count == 0 ? Phrase.Of("Every KPI met its target.") : new Phrase("Missed: {0}.", PhraseList.Join(missed));
        var body = statement.DescribeIdle() is { } idle
            ? new Phrase("{0} {1} Idle: {2}", payment, ratings, idle)
            : new Phrase("{0} {1}", payment, ratings);
        var title = statement.Idle
            ? new Phrase("Idle system: {0} ({1})", system.Name, statement.Period)
            : new Phrase("{0} rated for {1}", system.Name, statement.Period);
        return new Notification(userId, title, body, $"/systems/{system.Id}", now, KeyFor(system.Id, statement.Period));
    }
}
