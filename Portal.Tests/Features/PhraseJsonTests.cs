using System.Globalization;
using Portal.Domain;
using Portal.Features.Notifications;
using Portal.Localization;

namespace Portal.Tests.Features;

/// <summary>A notification's phrases survive the database: stored as template and typed arguments, rendered per reader.</summary>
public sealed class PhraseJsonTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private enum Size
    {
        Small,
    }

    [Fact]
    public void EveryKindOfArgumentComesBackAsItWasSaid()
    {
        var phrase = new Phrase("{0} {1} {2} {3} {4} {5} {6}",
            "用户的话 {0}", new Yuan(1_500_000m), new DateOnly(2026, 3, 31),
            new DateTime(2026, 12, 3, 15, 57, 0, DateTimeKind.Utc), 3, Phrase.Of("Smart parking"), Size.Small);

        var read = PhraseJson.Read(PhraseJson.Write(phrase));

        Assert.NotNull(read);
        Assert.Equal(phrase.ToString(), read.ToString());
        Assert.Equal(PortalText.Render(phrase, Chinese), PortalText.Render(read, Chinese));
        Assert.Equal("用户的话 {0} 150 万元 2026-03-31 2026-12-03 23:57 北京时间 3 智慧停车 小型", PortalText.Render(read, Chinese));
    }

    [Fact]
    public void AStoredNotificationIsRenderedInTheReadersLanguage()
    {
        var notification = new Notification("user", new Phrase("New lot: {0}", "标段1：路侧泊位"),
            new Phrase("{0} published \"{1}\" of \"{2}\". You are told because {3}. Bids close {4}.", "杭州市城市管理局", "标段1", "智慧停车",
                PhraseList.Join([new Phrase("it matches your saved search \"{0}\"", "泊位"), new Phrase("you follow the category {0}", Phrase.Of("Smart parking"))]),
                new DateTime(2026, 12, 3, 15, 57, 0, DateTimeKind.Utc)),
            "/lots", DateTime.UnixEpoch);

        Assert.Equal("New lot: 标段1：路侧泊位", notification.Title);
        Assert.Equal("新标段：标段1：路侧泊位", Notification.Render(notification.TitlePhrase, notification.Title, Chinese));
        Assert.Equal("杭州市城市管理局发布了“智慧停车”中的标段“标段1”。通知原因：与您保存的搜索“泊位”相符；您关注了“智慧停车”类别。投标截止时间：2026-12-03 23:57 北京时间。",
            Notification.Render(notification.BodyPhrase, notification.Body, Chinese));
        Assert.Equal("杭州市城市管理局 published \"标段1\" of \"智慧停车\". You are told because it matches your saved search \"泊位\"; you follow the category Smart parking. Bids close 2026-12-03 23:57 Beijing time.",
            Notification.Render(notification.BodyPhrase, notification.Body, English));
    }

    [Fact]
    public void AMessageSavedBeforePhrasesKeepsItsText()
    {
        Assert.Equal("Your bid won \"x\"", Notification.Render(null, "Your bid won \"x\"", Chinese));
        Assert.Equal("旧消息", Notification.Render("not json", "旧消息", Chinese));
    }
}
