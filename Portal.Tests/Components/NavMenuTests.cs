using System.Globalization;
using Bunit;
using Portal.Components.Layout;

namespace Portal.Tests.Components;

public sealed class NavMenuTests : MudBlazorTestContext
{
    private static readonly string[] _groups = ["nav-sme", "nav-officer", "nav-evaluator", "nav-official", "nav-admin"];

    [Theory]
    [InlineData("Sme", "nav-sme")]
    [InlineData("Officer", "nav-officer")]
    [InlineData("Evaluator", "nav-evaluator")]
    [InlineData("Official", "nav-official")]
    [InlineData("Admin", "nav-admin")]
    public void ShowsOnlyTheGroupOfTheUsersRole(string role, string expectedGroup)
    {
        AddAuthorization().SetAuthorized("someone@demo.local").SetRoles(role);

        var menu = RenderInteractive<NavMenu>();

        foreach (var group in _groups)
        {
            Assert.Equal(group == expectedGroup, menu.FindAll($"[data-testid='{group}']").Count == 1);
        }
        Assert.Single(menu.FindAll("[data-testid='sign-out']"));
    }

    [Theory]
    [InlineData("Sme", true)]
    [InlineData("Officer", false)]
    public void SmeUsersReachTheirAlerts(string role, bool linked)
    {
        AddAuthorization().SetAuthorized("someone@demo.local").SetRoles(role);

        var menu = RenderInteractive<NavMenu>();

        Assert.Equal(linked, menu.FindAll("[data-testid='nav-alerts']").Count == 1);
        Assert.Equal(linked, menu.FindAll("a").Any(a => a.GetAttribute("href") == "alerts"));
    }

    [Theory]
    [InlineData("Official", "subsidies", "nav-subsidies")]
    [InlineData("Sme", "subsidies/mine", "nav-my-subsidies")]
    public void OfficialsReachTheSubsidyLedgerAndSmesTheirOwnSubsidies(string role, string href, string testId)
    {
        AddAuthorization().SetAuthorized("someone@demo.local").SetRoles(role);

        var menu = RenderInteractive<NavMenu>();

        Assert.Single(menu.FindAll($"[data-testid='{testId}']"));
        Assert.Single(menu.FindAll("a"), a => a.GetAttribute("href") == href);
        Assert.DoesNotContain(menu.FindAll("a"), a => a.GetAttribute("href") is "subsidies" or "subsidies/mine" && a.GetAttribute("href") != href);
    }

    [Theory]
    [InlineData("Officer")]
    [InlineData("Evaluator")]
    [InlineData("Admin")]
    public void OtherRolesHaveNoSubsidyEntries(string role)
    {
        AddAuthorization().SetAuthorized("someone@demo.local").SetRoles(role);

        var menu = RenderInteractive<NavMenu>();

        Assert.DoesNotContain(menu.FindAll("a"), a => a.GetAttribute("href") is "subsidies" or "subsidies/mine");
    }

    [Theory]
    [InlineData("Official", "nav-dashboard", true)]
    [InlineData("Admin", "nav-admin-dashboard", true)]
    [InlineData("Officer", "nav-dashboard", false)]
    [InlineData("Evaluator", "nav-dashboard", false)]
    [InlineData("Sme", "nav-dashboard", false)]
    public void OfficialsAndAdministratorsReachTheDashboard(string role, string testId, bool linked)
    {
        AddAuthorization().SetAuthorized("someone@demo.local").SetRoles(role);

        var menu = RenderInteractive<NavMenu>();

        Assert.Equal(linked, menu.FindAll($"[data-testid='{testId}']").Count == 1);
        Assert.Equal(linked ? 1 : 0, menu.FindAll("a").Count(a => a.GetAttribute("href") == "dashboard"));
    }

    [Fact]
    public void AnonymousVisitorsAreOfferedSignInAndRegistration()
    {
        AddAuthorization();

        var menu = RenderInteractive<NavMenu>();

        Assert.All(_groups, group => Assert.Empty(menu.FindAll($"[data-testid='{group}']")));
        Assert.Single(menu.FindAll("[data-testid='nav-library']"));
        Assert.Contains(menu.FindAll("a"), a => a.GetAttribute("href") == "account/register");
        Assert.Empty(menu.FindAll("[data-testid='sign-out']"));
    }

    [Fact]
    public void SpeaksChineseUnderTheChineseCulture()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            AddAuthorization();
            var menu = RenderInteractive<NavMenu>();
            Assert.Contains("注册企业", menu.Markup);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
