namespace Portal.Domain.Tenders;

/// <summary>
/// A clarification or amendment notice (澄清或者修改公告) published on a tender after its publication: the only way a
/// published tender changes. It may extend the bidding deadline, never shorten it.
/// </summary>
public sealed class Amendment
{
    public const int NoticeMaxLength = 8000;

    private Amendment()
    {
        Notice = "";
    }

    internal Amendment(int number, string notice, DateTime publishedAtUtc, DateTime previousDeadlineUtc, DateTime? newDeadlineUtc) : this()
    {
        Number = number;
        Notice = notice;
        PublishedAtUtc = publishedAtUtc;
        PreviousDeadlineUtc = previousDeadlineUtc;
        NewDeadlineUtc = newDeadlineUtc;
    }

    /// <summary>1-based, in order of publication.</summary>
    public int Number { get; private set; }

    /// <summary>What is clarified or changed, in the officer's words.</summary>
    public string Notice { get; private set; }

    public DateTime PublishedAtUtc { get; private set; }

    /// <summary>The deadline in force when the notice was published.</summary>
    public DateTime PreviousDeadlineUtc { get; private set; }

    /// <summary>The extended deadline, when the notice moves it.</summary>
    public DateTime? NewDeadlineUtc { get; private set; }
}
