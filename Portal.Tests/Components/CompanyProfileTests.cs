using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Suppliers;
using Portal.Features.Suppliers;
using Portal.Features.Suppliers.Pages;
using Portal.Search;
using Portal.Tests.Domain;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components;

/// <summary>The SME's company profile form over a real SQLite file and a real search index.</summary>
public sealed class CompanyProfileTests : MudBlazorTestContext, IDisposable
{
    private readonly SqliteTestDatabase _database = new("portal-bunit-profile");
    private readonly SupplierIndex _index;
    private readonly Supplier _supplier = DomainBuilders.RegisterSupplier(owner: null);

    public CompanyProfileTests()
    {
        _database.Register(Services);
        _index = new SupplierIndex(Path.Combine(_database.Directory, "index"), new FixedClock(DomainBuilders.Now));
        Services.AddSingleton(_index);
        Services.AddSingleton<TimeProvider>(new FixedClock(DomainBuilders.Now));
        Services.AddLogging();
        Services.AddSingleton(new Portal.Data.StorageOptions { DataDirectory = _database.Directory });
        Services.AddSingleton<Portal.Data.CertificateStore>();
        Services.AddOptions<CertificateOptions>();
        Services.AddSingleton<CertificateEvidenceService>();
        Services.AddSingleton<SupplierProfileService>();
        Services.AddSingleton<SupplierClaims>();
        using var db = _database.NewContext();
        db.Add(new Portal.Data.PortalUser { Id = "user-1", UserName = "sme@example.cn", Email = "sme@example.cn" });
        _supplier.AssignOwner("user-1");
        db.Suppliers.Add(_supplier);
        db.SaveChanges();
        _index.Rebuild([_supplier]);
    }

    private IRenderedComponent<CompanyProfile> RenderForOwner()
    {
        AddAuthorization().SetAuthorized("sme@example.cn").SetRoles("Sme").SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-1"));
        Render<MudBlazor.MudPopoverProvider>();
        return RenderInteractive<CompanyProfile>();
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<CompanyProfile> page, string testId) =>
        page.Find($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea");

    [Fact]
    public void ShowsTheOwnProfileWithTheDerivedSizeClassAndWhy()
    {
        var page = RenderForOwner();

        page.WaitForAssertion(() => Assert.Contains("Small", page.Find("[data-testid='size-class']").TextContent));
        Assert.Contains("employees 120 < 300", page.Find("[data-testid='size-class']").TextContent);
        Assert.Equal(_supplier.CreditCode, Input(page, "creditCode").GetAttribute("value"));
    }

    [Fact]
    public void TheSizeClassFollowsTheSizeDataAsItIsTyped()
    {
        var page = RenderForOwner();
        page.WaitForAssertion(() => Assert.Contains("Small", page.Find("[data-testid='size-class']").TextContent));

        Input(page, "employees").Change("400");
        Input(page, "revenueYuan").Change("150000000");

        page.WaitForAssertion(() => Assert.Contains("Large", page.Find("[data-testid='size-class']").TextContent));
    }

    [Fact]
    public void AWrongCreditCodeIsExplainedNextToTheFieldAndNothingIsSaved()
    {
        var page = RenderForOwner();
        page.WaitForAssertion(() => Input(page, "creditCode"));
        var wrong = _supplier.CreditCode![..17] + (_supplier.CreditCode[17] == '0' ? '1' : '0');

        Input(page, "creditCode").Change(wrong);
        page.Find("[data-testid='save-profile']").Click();

        page.WaitForAssertion(() => Assert.Contains("check character", page.Markup));
        using var db = _database.NewContext();
        Assert.Equal(_supplier.CreditCode, db.Suppliers.AsNoTracking().Single().CreditCode);
    }

    [Fact]
    public void SavingStoresTheProfileAndMakesItSearchable()
    {
        var page = RenderForOwner();
        page.WaitForAssertion(() => Input(page, "capabilities"));

        Input(page, "capabilities").Change("Smart parking sensors. 新增：隧道照明节能控制。");
        page.Find("[data-testid='save-profile']").Click();

        page.WaitForAssertion(() =>
        {
            using var db = _database.NewContext();
            Assert.Contains("隧道照明", db.Suppliers.AsNoTracking().Single().Capabilities);
        });
        Assert.Equal(_supplier.Id, _index.Search(new SupplierQuery("隧道照明节能")).Items.Single().Id);
    }

    void IDisposable.Dispose()
    {
        _index.Dispose();
        _database.Dispose();
    }
}
