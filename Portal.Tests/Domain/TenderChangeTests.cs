using Portal.Domain;
using Portal.Domain.Tenders;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>Drafts change freely and in one step; published tenders change only through amendment notices.</summary>
public sealed class TenderChangeTests
{
    private static readonly TimeSpan TenDays = TimeSpan.FromDays(10);
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    private static Tender PublishedTender(DateTime deadline)
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot());
        tender.Publish(deadline, Now, TenDays);
        return tender;
    }

    [Fact]
    public void AnAmendmentRecordsTheNoticeAndExtendsTheDeadline()
    {
        var deadline = Now.AddDays(14);
        var tender = PublishedTender(deadline);
        var later = Now.AddDays(2);

        var first = tender.Amend("  澄清：设备须支持离线比对。 ", null, later, ThreeDays);
        var second = tender.Amend("延期一周", deadline.AddDays(7), later.AddHours(1), ThreeDays);

        Assert.Equal((1, "澄清：设备须支持离线比对。", later, deadline, (DateTime?)null),
            (first.Number, first.Notice, first.PublishedAtUtc, first.PreviousDeadlineUtc, first.NewDeadlineUtc));
        Assert.Equal((2, deadline, deadline.AddDays(7)), (second.Number, second.PreviousDeadlineUtc, second.NewDeadlineUtc!.Value));
        Assert.Equal(deadline.AddDays(7), tender.DeadlineUtc);
        Assert.Equal([1, 2], tender.Amendments.Select(a => a.Number));
    }

    [Fact]
    public void AnAmendmentNeverShortensTheDeadline()
    {
        var deadline = Now.AddDays(14);
        var tender = PublishedTender(deadline);

        var earlier = Assert.Throws<DomainException>(() => tender.Amend("提前", deadline.AddDays(-1), Now, ThreeDays));
        var same = Assert.Throws<DomainException>(() => tender.Amend("不变", deadline, Now, ThreeDays));

        Assert.Equal("deadline", earlier.Field);
        Assert.Contains("only extend", same.Message);
        Assert.Equal(deadline, tender.DeadlineUtc);
        Assert.Empty(tender.Amendments);
    }

    [Fact]
    public void ALateNoticeMustLeaveBiddersTheMinimumPeriod()
    {
        var deadline = Now.AddDays(14);
        var tender = PublishedTender(deadline);
        var twoDaysBefore = deadline.AddDays(-2);

        var refused = Assert.Throws<DomainException>(() => tender.Amend("澄清", null, twoDaysBefore, ThreeDays));
        var tooLittle = Assert.Throws<DomainException>(() => tender.Amend("澄清", deadline.AddHours(12), twoDaysBefore, ThreeDays));
        var accepted = tender.Amend("澄清并延期", twoDaysBefore + ThreeDays, twoDaysBefore, ThreeDays);

        Assert.Contains($"{(twoDaysBefore + ThreeDays).AddHours(8):yyyy-MM-dd HH:mm} Beijing time or later", refused.Message);
        Assert.Equal("deadline", tooLittle.Field);
        Assert.Equal(twoDaysBefore + ThreeDays, tender.DeadlineUtc);
        Assert.Equal(1, accepted.Number);
    }

    [Fact]
    public void DraftsAndClosedTendersTakeNoAmendment()
    {
        var draft = DraftTender();
        var deadline = Now.AddDays(14);
        var published = PublishedTender(deadline);

        var onDraft = Assert.Throws<DomainException>(() => draft.Amend("澄清", null, Now, ThreeDays));
        var afterDeadline = Assert.Throws<DomainException>(() => published.Amend("澄清", deadline.AddDays(5), deadline, ThreeDays));
        var empty = Assert.Throws<DomainException>(() => published.Amend("  ", null, Now, ThreeDays));

        Assert.Equal(DomainErrorKind.Conflict, onDraft.Kind);
        Assert.Equal(DomainErrorKind.Conflict, afterDeadline.Kind);
        Assert.Equal("notice", empty.Field);
    }

    [Fact]
    public void APublishedTenderRefusesEveryEditAsAConflict()
    {
        var tender = PublishedTender(Now.AddDays(14));
        var lot = tender.Lots[0];

        var edits = new Action[]
        {
            () => tender.Update("t", "d", "b", 5_000_000m, "smart-parking"),
            () => tender.AddLot(ValidLot()),
            () => tender.UpdateLot(lot.Id, ValidLot()),
            () => tender.RemoveLot(lot.Id),
            () => tender.ReviseDraft("t", "d", "b", 5_000_000m, "smart-parking", [(lot.Id, ValidLot())]),
        };

        Assert.All(edits, edit => Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(edit).Kind));
    }

    [Fact]
    public void RemovingALotMovesTheLaterOnesUp()
    {
        var tender = DraftTender();
        var lots = new[] { "A", "B", "C" }.Select(t => tender.AddLot(ValidLot(title: t))).ToList();

        tender.RemoveLot(lots[0].Id);

        Assert.Equal([("B", 1), ("C", 2)], tender.Lots.Select(l => (l.Title, l.Number)));
    }

    [Fact]
    public void ARevisionKeepsChangesAddsAndRemovesLotsInOneStep()
    {
        var tender = DraftTender(budgetYuan: 3_000_000m);
        var a = tender.AddLot(ValidLot(title: "A", valueYuan: 1_000_000m));
        var b = tender.AddLot(ValidLot(title: "B", valueYuan: 1_000_000m));
        tender.AddLot(ValidLot(title: "C", valueYuan: 1_000_000m));

        // A lower budget with lower lot values: checked against the new values, not the old ones.
        var revision = tender.ReviseDraft("新标题", "新说明", "杭州市西湖区民政局", 1_500_000m, "elderly-care",
            [(b.Id, ValidLot(title: "B2", valueYuan: 500_000m)), (a.Id, ValidLot(title: "A2", valueYuan: 500_000m)), (null, ValidLot(title: "D", valueYuan: 500_000m))]);

        Assert.Equal(("新标题", 1_500_000m, "elderly-care"), (tender.Title, tender.BudgetYuan, tender.Category));
        Assert.Equal([("A2", 1), ("B2", 2), ("D", 3)], tender.Lots.Select(l => (l.Title, l.Number)));
        Assert.Equal(["D"], revision.Added.Select(l => l.Title));
        Assert.Equal(["C"], revision.Removed.Select(l => l.Title));
    }

    [Fact]
    public void ABrokenRevisionChangesNothing()
    {
        var tender = DraftTender(budgetYuan: 3_000_000m);
        var a = tender.AddLot(ValidLot(title: "A", valueYuan: 1_000_000m));
        var badCriteria = ValidLot(title: "bad", criteria: [new AwardCriterion("Price", 50, isPrice: true)]);

        var overBudget = Assert.Throws<DomainException>(() => tender.ReviseDraft("t", "d", "b", 1_000_000m, "smart-parking",
            [(a.Id, ValidLot(title: "A2")), (null, ValidLot(title: "B"))]));
        var badLot = Assert.Throws<DomainException>(() => tender.ReviseDraft("t", "d", "b", 3_000_000m, "smart-parking",
            [(a.Id, ValidLot(title: "A2")), (null, badCriteria)]));
        var foreign = Assert.Throws<DomainException>(() => tender.ReviseDraft("t", "d", "b", 3_000_000m, "smart-parking",
            [(Guid.NewGuid(), ValidLot())]));

        Assert.Equal("budgetYuan", overBudget.Field);
        Assert.Contains("sum to 100", badLot.Message);
        Assert.Equal("lots", foreign.Field);
        Assert.Equal(("西湖区智慧停车二期", "A"), (tender.Title, Assert.Single(tender.Lots).Title));
    }
}
