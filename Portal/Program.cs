using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Portal.Api;
using Portal.Benchmarks;
using Portal.Components;
using Portal.Data;
using Portal.Data.Seeding;
using Portal.Domain.Evaluation;
using Portal.Domain.Tenders;
using Portal.Features.Accounts;
using Portal.Features.Admin;
using Portal.Features.Alerts;
using Portal.Features.Calendar;
using Portal.Features.Audit;
using Portal.Data.Audit;
using Portal.Features.Bidding;
using Portal.Features.Contracts;
using Portal.Features.Dashboard;
using Portal.Features.Effectiveness;
using Portal.Features.Evaluation;
using Portal.Features.Home;
using Portal.Features.Notifications;
using Portal.Features.Reports;
using Portal.Features.Shell;
using Portal.Features.Subsidies;
using Portal.Features.Suppliers;
using Portal.Features.Tenders;
using Portal.Jobs;
using Portal.Localization;
using Scalar.AspNetCore;
using Portal.Search;
using Microsoft.AspNetCore.DataProtection;
using Portal.Features.OpenData;
using Portal.Features.Opening;

if (args is ["benchmark", "reports", .. var reportArgs])
{
    // `dotnet run -c Release --project Portal -- benchmark reports`: the annual SME report over 10,000 lots and an award notice.
    return ReportBenchmark.Run(reportArgs);
}
if (args is ["benchmark", "deadline-rush", .. var rushArgs])
{
    // `dotnet run -c Release --project Portal -- benchmark deadline-rush`: 500 sealed bids with a PDF in the last minute
    // before a deadline, then the opening, against the portal started as a child process (SQLite, then PostgreSQL).
    return await DeadlineRushBenchmark.RunAsync(rushArgs);
}
if (args is ["benchmark", .. var benchmarkArgs])
{
    // `dotnet run -c Release --project Portal -- benchmark`: supplier search against SQLite FTS5 and PostgreSQL FTS.
    return await SearchBenchmark.RunAsync(benchmarkArgs);
}

var builder = WebApplication.CreateBuilder(args);
// Serve package and framework assets (MudBlazor, blazor.web.js) from a build output in every environment, not only
// in Development; a published app has them in wwwroot and this does nothing.
builder.WebHost.UseStaticWebAssets();
// A long need description may arrive in a GET query string (10,000 Chinese characters are ~90 KB URL-encoded).
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestLineSize = 128 * 1024);

var storage = StorageOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton(storage);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<ProcurementOptions>().BindConfiguration(ProcurementOptions.Section)
    .Validate(o => o.SmallMicroPriceDeduction is >= BidScoring.MinimumDeduction and <= BidScoring.MaximumDeduction,
        "Procurement:SmallMicroPriceDeduction must be between 0.10 and 0.20 (财库〔2022〕19号).")
    .Validate(o => decimal.Round(o.SmallMicroPriceDeduction, PublicationTerms.DeductionDecimals) == o.SmallMicroPriceDeduction,
        "Procurement:SmallMicroPriceDeduction has at most four decimals (0.125 is 12.5%).")
    .Validate(o => o.StandstillPeriod >= TimeSpan.Zero, "Procurement:StandstillPeriod cannot be negative.")
    .Validate(o => o.DecryptionWindow > TimeSpan.Zero && o.DecryptionWindow <= PublicationTerms.MaximumDecryptionWindow,
        "Procurement:DecryptionWindow must be longer than zero and at most one day (1.00:00:00).")
    .ValidateOnStart();
builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
builder.Services.AddOptions<SubsidyOptions>().BindConfiguration(SubsidyOptions.Section);

builder.Services.AddPortalDatabase(builder.Configuration, storage);
builder.Services.AddDataProtection().SetApplicationName("sme-procurement-portal").PersistKeysToDbContext<PortalDbContext>();
builder.Services.AddPortalAccounts();
builder.Services.AddScoped<DatabaseInitializer>();

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddMudServices();
builder.Services.AddPortalMudLocalization();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Problem details in the caller's language: constant titles and details written as English text in the endpoints are
// translated here by that text (what is already rendered, a Phrase or Chinese, is no key and stays as it is).
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    c.ProblemDetails.Title = c.ProblemDetails.Title is { } title ? PortalText.Translate(title) : null;
    c.ProblemDetails.Detail = c.ProblemDetails.Detail is { } detail ? PortalText.Translate(detail) : null;
});
// States travel as camelCase names (sealed, opened, void), never as numbers.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
    new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
// Unreadable API input raises BadHttpRequestException in every environment, so the handler can say what was wrong
// (e.g. "Path: $.deadline") instead of a bare 400.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiSecurity>().AddOperationTransformer<OpenApiSecurity>());

builder.Services.AddSingleton(sp => new SupplierIndex(
    Path.Combine(storage.DataDirectory, "index", "suppliers"), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<SupplierIndexer>();
builder.Services.AddSingleton<IndexRebuildStatus>();
builder.Services.AddTransient<IndexRebuildJob>();
builder.Services.AddPortalJobs(builder.Configuration);
builder.Services.AddScoped<HomeStatistics>();
StaffTasks.Register(builder.Services);
builder.Services.AddScoped<SupplierProfileService>();
builder.Services.AddScoped<SupplierClaims>();
builder.Services.AddScoped<TenderQueries>();
builder.Services.AddScoped<TenderListing>();
builder.Services.AddScoped<LotMatching>();
builder.Services.AddScoped<TenderService>();
builder.Services.AddScoped<BidService>();
builder.Services.AddScoped<BidAttachmentService>();
builder.Services.AddScoped<EvaluationService>();
builder.Services.AddSingleton<AttachmentStore>();
builder.Services.AddSingleton<CertificateStore>();
builder.Services.AddScoped<CertificateEvidenceService>();
builder.Services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
    .Validate(o => o.MaxBytes > 0, "Certificates:MaxBytes must be a positive number of bytes.")
    .ValidateOnStart();
builder.Services.AddScoped<OpeningService>();
builder.Services.AddScoped<OpeningJob>();
builder.Services.AddSingleton<LotSearch>();
builder.Services.AddScoped<NotificationService>();
builder.Services.AddScoped<NotificationEmailJob>();
builder.Services.AddScoped<AlertService>();
builder.Services.AddScoped<LotAlertJob>();
builder.Services.AddScoped<OversightStatistics>();
builder.Services.AddScoped<UserAdministration>();
builder.Services.AddScoped<SubsidyProgrammes>();
builder.Services.AddScoped<ContractService>();
builder.Services.AddScoped<SubsidyLedger>();
builder.Services.AddScoped<Portal.Features.Calendar.CalendarService>();
builder.Services.AddScoped<ParticipationStatistics>();
builder.Services.AddScoped<ReportService>();
builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
    .Validate(o => o.IsValid, $"Reports:KeepRunsForHours must be 1–{ReportOptions.MaximumKeepRunsForHours} hours.")
    .ValidateOnStart();
builder.Services.AddSingleton<ReportRuns>();
builder.Services.AddScoped<ReportRunJob>();
builder.Services.AddScoped<HousekeepingJob>();
builder.Services.AddPortalAudit();
builder.Services.AddScoped<AuditService>();
builder.Services.AddOptions<EffectivenessOptions>().BindConfiguration(EffectivenessOptions.Section)
    .Validate(o => o.Problem() is null, "Effectiveness:IdleAfterDays must be 1–366 days and Effectiveness:IdleUsageRate a percentage between 0 and 100.")
    .ValidateOnStart();
builder.Services.AddScoped<DeliveredSystems>();
builder.Services.AddScoped<Observations>();
builder.Services.AddScoped<MonthlyRatingJob>();
builder.Services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section)
    .Validate(o => System.Text.RegularExpressions.Regex.IsMatch(o.OcidPrefix, "^ocds-[a-z0-9]{6}$"), "OpenData:OcidPrefix must have the form ocds-xxxxxx (six lower-case letters or digits).")
    .ValidateOnStart();
builder.Services.AddScoped<OcdsFeed>();
builder.Services.AddScoped<OcdsImporter>();
builder.Services.AddScoped<AwardTrends>();
builder.Services.AddScoped<SystemOversight>();
if (builder.Configuration.GetValue<bool>(ProcessStatsReporter.Setting))
{
    // Only for the portal that `benchmark deadline-rush` starts: its GC figures on standard output.
    builder.Services.AddHostedService<ProcessStatsReporter>();
}

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}
var indexer = app.Services.GetRequiredService<SupplierIndexer>();
if (args.Contains("reindex"))
{
    // `dotnet run --project Portal -- reindex`: rebuild the search index from the database and exit.
    var report = await indexer.RebuildAsync();
    Console.WriteLine($"Indexed {report.Suppliers} suppliers in {report.Elapsed.TotalSeconds:0.0} s.");
    return 0;
}
await indexer.EnsureCurrentAsync();
using (var scope = app.Services.CreateScope())
{
    // Deadlines and opening windows that passed while the portal was down: those openings begin or end now.
    await scope.ServiceProvider.GetRequiredService<OpeningJob>().RunAsync();
}
app.UsePortalRecurringJobs();

app.UseExceptionHandler("/Error", createScopeForErrors: true);
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
// API callers get problem details for bare status codes; people get the not-found page.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRequestLocalization(o => o
    .SetDefaultCulture(CultureEndpoint.SupportedCultures[0])
    .AddSupportedCultures(CultureEndpoint.SupportedCultures)
    .AddSupportedUICultures(CultureEndpoint.SupportedCultures));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapPortalJobsDashboard();

app.MapStaticAssets();
app.MapOpenApi("/openapi/{documentName}.json");
// The interactive reference reads the document above; its script is served from the package, not a CDN.
app.MapScalarApiReference("/api/docs", o => o.WithTitle("SME procurement portal API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapGroup("/api/v1").AddEndpointFilter<DomainErrorFilter>().MapAuthEndpoints().MapSupplierEndpoints().MapCertificationEndpoints().MapSupplierClaimEndpoints().MapTenderEndpoints().MapLotEndpoints().MapBidEndpoints().MapOpeningEndpoints().MapNotificationEndpoints()
    .MapAlertEndpoints().MapEvaluationEndpoints().MapContractEndpoints().MapSubsidyEndpoints()
    .MapReportEndpoints()
    .MapAuditEndpoints()
    .MapEffectivenessEndpoints()
    .MapOpenDataEndpoints()
    .MapCalendarEndpoints();
app.MapSignOut();
app.MapCultureSwitch();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
