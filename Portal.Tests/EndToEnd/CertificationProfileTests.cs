using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// An SME picks its certification from the catalogue in Chinese by a name it knows it by, saves, and uploads the
/// certificate; the public profile then says "证书已上传".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificationProfileTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnSmePicksTheKindByAnAliasAndUploadsItsCertificate()
    {
        var email = $"cert-{Guid.NewGuid():N}@example.cn";
        var creditCode = TestCreditCodes.New("91330106");
        using (var api = browser.App.CreateHttpClient())
        {
            (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" })).EnsureSuccessStatusCode();
        }
        using (var sme = await browser.App.CreateClientForAsync(email, "Str0ng#Pass"))
        {
            (await sme.PostAsJsonAsync("/api/v1/suppliers", new
            {
                name = "杭州证书测试科技有限公司",
                creditCode,
                industry = "software_it_services",
                employees = 30,
                revenueYuan = 5_000_000m,
                assetsYuan = 3_000_000m,
                region = "杭州市",
                capabilities = "政务系统等级保护整改与安全运维。",
                categories = new[] { "smart-waste" },
                certifications = new[] { new { name = "ISO 9001", validUntil = "2029-06-30" } },
                pastProjects = Array.Empty<object>(),
            })).EnsureSuccessStatusCode();
        }
        var page = await browser.NewPageAsync("zh-CN");
        await SignInTests.SignInAsync(page, email, "Str0ng#Pass");
        await page.OpenAsync("/supplier/profile");

        // The certification held is ISO 9001 in Chinese; it is changed to 等保三级, found by its English name.
        var kind = Fields.Input(page, "profile-certification-kind");
        await Assertions.Expect(kind).ToHaveValueAsync("ISO 9001 质量管理体系认证");
        await kind.ClickAsync();
        await kind.FillAsync("MLPS L3");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "网络安全等级保护三级" }).First.ClickAsync();
        await Assertions.Expect(kind).ToHaveValueAsync("网络安全等级保护三级");
        await page.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");

        await page.Locator("[data-testid='certificate-evidence'] input[type=file]").First.SetInputFilesAsync(
            new FilePayload { Name = "等保三级备案证明.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create("MLPS level 3") });
        await Assertions.Expect(page.GetByTestId("certificate-link")).ToHaveTextAsync("证书已上传");

        var saved = await browser.App.WithDbAsync(db => db.Suppliers.AsNoTracking().SingleAsync(s => s.CreditCode == creditCode));
        var certification = Assert.Single(saved.Certifications);
        Assert.Equal("mlps-3", certification.KindKey);
        Assert.Equal("等保三级备案证明.pdf", certification.Evidence?.FileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "profile-certification.png"), FullPage = true });

        // Anyone reads that it was uploaded; the file itself is not linked for them.
        var visitor = await browser.NewPageAsync("zh-CN");
        await visitor.OpenAsync($"/suppliers/{saved.Id}");
        await Assertions.Expect(visitor.GetByTestId("certificate-status")).ToContainTextAsync("证书已上传");
        await Assertions.Expect(visitor.GetByTestId("certificate-link")).ToHaveCountAsync(0);
        await visitor.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
