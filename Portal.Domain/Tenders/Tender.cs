namespace Portal.Domain.Tenders;

/// <summary>A procurement by a city department, split into lots; edited freely as a draft, then published with a deadline.</summary>
public sealed class Tender
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8000;
    public const int BuyerMaxLength = 200;
    public const int MaxLots = 50;

    private readonly List<Lot> _lots = [];
    private readonly List<Amendment> _amendments = [];

    private Tender()
    {
        Title = Description = Buyer = Category = "";
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; }
    public string Description { get; private set; }

    /// <summary>The buying department (采购人).</summary>
    public string Buyer { get; private set; }

    public decimal BudgetYuan { get; private set; }
    public string Category { get; private set; }
    public TenderStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }

    /// <summary>Bids are accepted until this instant; at it the lots' opening (开标) begins.</summary>
    public DateTime? DeadlineUtc { get; private set; }

    /// <summary>The price deduction for small and micro enterprises in this tender's lots not reserved for SMEs, frozen at publication.</summary>
    public decimal SmallMicroPriceDeduction { get; private set; }

    /// <summary>Time after an award before a contract may be recorded, frozen at publication.</summary>
    public TimeSpan StandstillPeriod { get; private set; }

    /// <summary>How long bidders have after the deadline to decrypt their bids (解密时间), frozen at publication.</summary>
    public TimeSpan DecryptionWindow { get; private set; }

    /// <summary>The terms the tender was published with (null for drafts and imported tenders).</summary>
    public PublicationTerms? Terms => Status == TenderStatus.Published
        ? new PublicationTerms(SmallMicroPriceDeduction, StandstillPeriod, DecryptionWindow)
        : null;

    public IReadOnlyList<Lot> Lots => _lots;

    /// <summary>The OCDS ocid of an imported tender (null for the portal's own).</summary>
    public string? Ocid { get; private set; }

    /// <summary>The system an imported tender comes from (the package's publisher); null for the portal's own.</summary>
    public string? ImportedFrom { get; private set; }

    /// <summary>Clarification and amendment notices published after the tender, oldest first.</summary>
    public IReadOnlyList<Amendment> Amendments => _amendments;

    public const int OcidMaxLength = 200;
    public const int SourceMaxLength = 200;

    /// <summary>
    /// A read-only copy of another system's tender (from an OCDS import): shown and searchable, never bid for, amended
    /// or closed here (its own system does that).
    /// </summary>
    public static Tender Import(ImportedTender imported, DateTime nowUtc)
    {
        var tender = new Tender { Id = Guid.NewGuid(), Status = TenderStatus.Imported, CreatedAtUtc = Guard.Utc(nowUtc, "now") };
        tender.RefreshImport(imported);
        return tender;
    }

    /// <summary>Takes the latest state of an imported tender from its source; its lots are matched by position.</summary>
    public void RefreshImport(ImportedTender imported)
    {
        if (Status != TenderStatus.Imported)
        {
            throw new InvalidOperationException("Only an imported tender is refreshed from its source.");
        }
        if (imported.Lots.Count is 0 or > MaxLots)
        {
            throw new DomainException(new Phrase("An imported tender has between 1 and {0} lots.", MaxLots), "tender.lots");
        }
        var ocid = Guard.Text(imported.Ocid, "ocid", OcidMaxLength);
        var source = Guard.Text(imported.Source, "publisher.name", SourceMaxLength);
        var title = Guard.Text(imported.Title, "tender.title", TitleMaxLength);
        var description = Guard.Text(imported.Description, "tender.description", DescriptionMaxLength, required: false);
        var buyer = Guard.Text(imported.Buyer, "buyer.name", BuyerMaxLength);
        var budget = Guard.Money(imported.BudgetYuan, "tender.value.amount");
        foreach (var (lot, index) in imported.Lots.Select((l, i) => (l, i)))
        {
            Lot.CheckImported(lot, $"tender.lots[{index}]");
        }

        Ocid = ocid;
        ImportedFrom = source;
        Title = title;
        Description = description;
        Buyer = buyer;
        BudgetYuan = budget;
        PublishedAtUtc = Guard.Utc(imported.PublishedAtUtc, "date");
        DeadlineUtc = imported.DeadlineUtc is { } deadline ? Guard.Utc(deadline, "tender.tenderPeriod.endDate") : null;
        for (var i = 0; i < imported.Lots.Count; i++)
        {
            if (i < _lots.Count)
            {
                _lots[i].RefreshImport(imported.Lots[i]);
            }
            else
            {
                _lots.Add(Lot.Import(Id, i + 1, imported.Lots[i]));
            }
        }
    }

    public static Tender Create(string title, string description, string buyer, decimal budgetYuan, string category, DateTime nowUtc)
    {
        var tender = new Tender { Id = Guid.NewGuid(), Status = TenderStatus.Draft, CreatedAtUtc = Guard.Utc(nowUtc, "now") };
        tender.Update(title, description, buyer, budgetYuan, category);
        return tender;
    }

    public void Update(string title, string description, string buyer, decimal budgetYuan, string category)
    {
        EnsureDraft();
        var budget = Guard.Money(budgetYuan, "budgetYuan", allowZero: false);
        if (_lots.Sum(l => l.ValueYuan) > budget)
        {
            throw new DomainException("The budget cannot be less than the sum of the lots' estimated values.", "budgetYuan");
        }
        SetFields(title, description, buyer, budget, category);
    }

    /// <summary>Checks every field first, then sets them all.</summary>
    private void SetFields(string title, string description, string buyer, decimal budget, string category)
    {
        var checkedTitle = Guard.Text(title, "title", TitleMaxLength);
        var checkedDescription = Guard.Text(description, "description", DescriptionMaxLength);
        var checkedBuyer = Guard.Text(buyer, "buyer", BuyerMaxLength);
        var checkedCategory = Categories.Require(category, "category");

        Title = checkedTitle;
        Description = checkedDescription;
        Buyer = checkedBuyer;
        Category = checkedCategory;
        BudgetYuan = budget;
    }

    public Lot AddLot(LotDraft draft)
    {
        EnsureDraft();
        if (_lots.Count >= MaxLots)
        {
            throw new DomainException(new Phrase("A tender has at most {0} lots.", MaxLots));
        }
        var lot = new Lot(Id, _lots.Count + 1, draft);
        CheckLotsWithinBudget(_lots.Sum(l => l.ValueYuan) + lot.ValueYuan);
        _lots.Add(lot);
        return lot;
    }

    /// <summary>Removes a lot from a draft; the lots after it move up one number.</summary>
    public Lot RemoveLot(Guid lotId)
    {
        EnsureDraft();
        var lot = _lots.SingleOrDefault(l => l.Id == lotId)
            ?? throw new DomainException("This lot does not belong to the tender.");
        _lots.Remove(lot);
        foreach (var later in _lots.Where(l => l.Number > lot.Number))
        {
            later.Renumber(later.Number - 1);
        }
        return lot;
    }

    public void UpdateLot(Guid lotId, LotDraft draft)
    {
        EnsureDraft();
        var lot = _lots.SingleOrDefault(l => l.Id == lotId)
            ?? throw new DomainException("This lot does not belong to the tender.");
        CheckLotsWithinBudget(_lots.Where(l => l.Id != lotId).Sum(l => l.ValueYuan) + draft.ValueYuan);
        lot.Apply(draft);
    }

    /// <summary>
    /// Replaces a draft's content in one step, as an editing form submits it: the tender's fields, and its lots — kept
    /// (those given with their id) and changed, added (no id) or removed (left out). Kept lots keep their order and are
    /// renumbered from 1, new lots follow. Every rule is checked before anything changes that the caller would save;
    /// the caller saves only when this returns.
    /// </summary>
    public LotRevision ReviseDraft(string title, string description, string buyer, decimal budgetYuan, string category,
        IReadOnlyList<(Guid? LotId, LotDraft Draft)> lots)
    {
        EnsureDraft();
        if (lots.Count > MaxLots)
        {
            throw new DomainException(new Phrase("A tender has at most {0} lots.", MaxLots));
        }
        var keptIds = lots.Where(l => l.LotId is not null).Select(l => l.LotId!.Value).ToList();
        if (keptIds.Distinct().Count() != keptIds.Count || keptIds.Any(id => _lots.All(l => l.Id != id)))
        {
            throw new DomainException("Each lot may appear once, and only lots of this tender can be kept.", "lots");
        }
        var budget = Guard.Money(budgetYuan, "budgetYuan", allowZero: false);
        var total = lots.Sum(l => l.Draft.ValueYuan);
        if (total > budget)
        {
            throw new DomainException(
                new Phrase("The lots' estimated values ({0}) would exceed the tender budget ({1}).", new Yuan(total), new Yuan(budget)),
                "budgetYuan");
        }
        foreach (var (draft, index) in lots.Select((l, i) => (l.Draft, i)))
        {
            // Checks every lot before any is applied (a lot checks its own draft again when applying it).
            Lot.Check(draft, $"lots[{index}]");
        }

        SetFields(title, description, buyer, budget, category);
        var removed = _lots.Where(l => !keptIds.Contains(l.Id)).ToList();
        _lots.RemoveAll(removed.Contains);
        var number = 1;
        foreach (var lot in _lots.OrderBy(l => l.Number).ToList())
        {
            lot.Apply(lots.Single(l => l.LotId == lot.Id).Draft);
            lot.Renumber(number++);
        }
        var added = lots.Where(l => l.LotId is null).Select(l => new Lot(Id, number++, l.Draft)).ToList();
        _lots.AddRange(added);
        _lots.Sort((a, b) => a.Number.CompareTo(b.Number));
        return new LotRevision(added, removed);
    }

    /// <summary>
    /// Opens every lot for bids until <paramref name="deadlineUtc"/>, which must leave bidders at least the minimum
    /// bidding period; the tender keeps <paramref name="terms"/> (the settings' defaults when none are given) for life.
    /// </summary>
    public void Publish(DateTime deadlineUtc, DateTime nowUtc, TimeSpan minimumBiddingPeriod, PublicationTerms? terms = null)
    {
        EnsureDraft();
        Guard.Utc(deadlineUtc, "deadline");
        Guard.Utc(nowUtc, "now");
        var frozen = (terms ?? PublicationTerms.Default).Checked();
        if (_lots.Count == 0)
        {
            throw new DomainException("Add at least one lot before publishing the tender.");
        }
        SmeFairnessReview.EnsurePublishable(this);
        var earliest = nowUtc + minimumBiddingPeriod;
        if (deadlineUtc < earliest)
        {
            throw new DomainException(
                new Phrase("The deadline must leave at least {0} for bidding: choose {1} or later.", Duration(minimumBiddingPeriod), RoundUpToMinute(earliest)),
                "deadline");
        }
        Status = TenderStatus.Published;
        PublishedAtUtc = nowUtc;
        DeadlineUtc = deadlineUtc;
        SmallMicroPriceDeduction = frozen.SmallMicroPriceDeduction;
        StandstillPeriod = frozen.StandstillPeriod;
        DecryptionWindow = frozen.DecryptionWindow;
        foreach (var lot in _lots)
        {
            lot.Open();
        }
    }

    /// <summary>
    /// Begins the opening (开标) of every open lot once the deadline has passed, whatever woke the caller (the scheduled
    /// job, a start after downtime, an unsealing that came first); returns the lots it moved, none before the deadline or when they are
    /// past bidding already. The opening window runs from the deadline for the tender's <see cref="DecryptionWindow"/>.
    /// </summary>
    public IReadOnlyList<Lot> BeginOpeningIfDue(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (Status != TenderStatus.Published || nowUtc < DeadlineUtc)
        {
            return [];
        }
        var opening = _lots.Where(l => l.Status == LotStatus.Open).ToList();
        foreach (var lot in opening)
        {
            lot.BeginOpening(DeadlineUtc!.Value, DecryptionWindow, nowUtc);
        }
        return opening;
    }

    /// <summary>
    /// Publishes a clarification or amendment notice while bids are open, optionally extending the deadline. Bidders
    /// must keep at least <paramref name="minimumPeriodAfterNotice"/> after a notice to adapt their bids (政府采购货物和服务
    /// 招标投标管理办法 Art. 27: a notice that may affect bids comes early enough, or the deadline moves).
    /// </summary>
    public Amendment Amend(string notice, DateTime? newDeadlineUtc, DateTime nowUtc, TimeSpan minimumPeriodAfterNotice)
    {
        Guard.Utc(nowUtc, "now");
        if (Status != TenderStatus.Published)
        {
            throw DomainException.Conflict("Only a published tender takes amendment notices; edit the draft instead.");
        }
        var current = DeadlineUtc!.Value;
        if (nowUtc >= current)
        {
            throw DomainException.Conflict(new Phrase("The bidding deadline ({0}) has passed: the tender can no longer be amended.", current));
        }
        var text = Guard.Text(notice, "notice", Amendment.NoticeMaxLength);
        var deadline = current;
        if (newDeadlineUtc is { } requested)
        {
            Guard.Utc(requested, "deadline");
            if (requested <= current)
            {
                throw new DomainException(
                    new Phrase("An amendment can only extend the deadline: choose a time after the current deadline ({0}).", current),
                    "deadline");
            }
            deadline = requested;
        }
        var earliest = nowUtc + minimumPeriodAfterNotice;
        if (deadline < earliest)
        {
            throw new DomainException(
                new Phrase("Bidders need at least {0} after a notice: extend the deadline to {1} or later.", Duration(minimumPeriodAfterNotice), RoundUpToMinute(earliest)),
                "deadline");
        }
        var amendment = new Amendment(_amendments.Count + 1, text, nowUtc, current, newDeadlineUtc);
        _amendments.Add(amendment);
        DeadlineUtc = deadline;
        return amendment;
    }

    /// <summary>A period in its largest whole unit (<c>20 days</c>, <c>1 day</c>, <c>36 hours</c> is <c>1.5 days</c>).</summary>
    internal static Phrase Duration(TimeSpan period)
    {
        var (amount, one, many) = period.TotalDays >= 1 ? (period.TotalDays, "1 day", "{0} days")
            : period.TotalHours >= 1 ? (period.TotalHours, "1 hour", "{0} hours")
            : (period.TotalMinutes, "1 minute", "{0} minutes");
        var rounded = Math.Round(amount, 1, MidpointRounding.AwayFromZero);
        return rounded == 1 ? Phrase.Of(one) : new Phrase(many, rounded);
    }

    private static DateTime RoundUpToMinute(DateTime instant) =>
        new(instant.Ticks + (TimeSpan.TicksPerMinute - instant.Ticks % TimeSpan.TicksPerMinute) % TimeSpan.TicksPerMinute, instant.Kind);

    private void CheckLotsWithinBudget(decimal lotsTotal)
    {
        if (lotsTotal > BudgetYuan)
        {
            throw new DomainException(
                new Phrase("The lots' estimated values ({0}) would exceed the tender budget ({1}).", new Yuan(lotsTotal), new Yuan(BudgetYuan)),
                "valueYuan");
        }
    }

    private void EnsureDraft()
    {
        if (Status != TenderStatus.Draft)
        {
            throw DomainException.Conflict("A published tender can no longer be edited: publish an amendment notice instead.");
        }
    }
}

/// <summary>What an OCDS import knows of another system's tender, compiled from its releases.</summary>
public sealed record ImportedTender(
    string Ocid,
    string Source,
    string Title,
    string Description,
    string Buyer,
    decimal BudgetYuan,
    DateTime PublishedAtUtc,
    DateTime? DeadlineUtc,
    IReadOnlyList<ImportedLot> Lots);

/// <summary>A lot of an imported tender, with its status in the source system.</summary>
public sealed record ImportedLot(string Title, string Description, decimal ValueYuan, LotStatus Status);

/// <summary>The lots a draft revision added and removed (the kept ones changed in place).</summary>
public sealed record LotRevision(IReadOnlyList<Lot> Added, IReadOnlyList<Lot> Removed);
