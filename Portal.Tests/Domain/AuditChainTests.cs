using Portal.Domain.Audit;

namespace Portal.Tests.Domain;

/// <summary>The chain's rule without a database: what an entry's hash covers and what verification reports.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTime _at = new(2026, 11, 23, 8, 30, 15, DateTimeKind.Utc);

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var (sequence, hash) = (0L, AuditEntry.GenesisHash);
        for (var i = 0; i < count; i++)
        {
            var entry = AuditEntry.Chain(sequence, hash, _at.AddTicks(1_234_567 * i), "user-1", "officer@demo.local", "Tender", $"t-{i}",
                AuditAction.Modified, new Dictionary<string, FieldChange> { ["Title"] = new("旧标题", $"新标题 {i}") });
            entries.Add(entry);
            (sequence, hash) = (entry.Sequence, entry.Hash);
        }
        return entries;
    }

    private static AuditChainCheck Check(IEnumerable<AuditEntry> entries, long headSequence, string headHash)
    {
        var check = new AuditChainCheck();
        foreach (var entry in entries)
        {
            check.Add(entry);
        }
        check.Finish(headSequence, headHash);
        return check;
    }

    [Fact]
    public void EachEntryChainsOntoThePreviousHashAndNumbersFollowOn()
    {
        var entries = Chain(3);

        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.GenesisHash, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", entries[2].Hash);
        Assert.True(Check(entries, 3, entries[2].Hash).Intact);
    }

    [Fact]
    public void TheTimeIsKeptToTheMicrosecondSoTheHashSurvivesTheDatabase()
    {
        var entry = Chain(2)[1];

        Assert.Equal(0, entry.RecordedAtUtc.Ticks % 10);
        Assert.Contains("\"2026-11-23T08:30:15.1234560Z\"", entry.Canonical());
    }

    [Fact]
    public void ChangesAreStoredInOrdinalFieldOrderWhateverOrderTheyCameIn()
    {
        var a = AuditEntry.Chain(0, "", _at, "u", "u", "Lot", "1", AuditAction.Created,
            new Dictionary<string, FieldChange> { ["b"] = new(null, "2"), ["A"] = new(null, "1") });
        var b = AuditEntry.Chain(0, "", _at, "u", "u", "Lot", "1", AuditAction.Created,
            new Dictionary<string, FieldChange> { ["A"] = new(null, "1"), ["b"] = new(null, "2") });

        Assert.Equal(a.Hash, b.Hash);
        Assert.StartsWith("{\"A\":", a.Changes);
    }

    [Fact]
    public void AMissingRowInTheMiddleIsReportedAsDeletedAtItsNumber()
    {
        var entries = Chain(5);

        var check = Check(entries.Where(e => e.Sequence != 3), 5, entries[4].Hash);

        var failure = Assert.Single(check.Breaks);
        Assert.Equal((3L, 3L, AuditBreakKind.Deleted), (failure.FromSequence, failure.ToSequence, failure.Kind));
    }

    [Fact]
    public void TheLatestRowsDeletedAreFoundAgainstTheHead()
    {
        var entries = Chain(5);

        var check = Check(entries.Take(3), 5, entries[4].Hash);

        var failure = Assert.Single(check.Breaks);
        Assert.Equal((4L, 5L, AuditBreakKind.Deleted), (failure.FromSequence, failure.ToSequence, failure.Kind));
    }

    [Fact]
    public void ARowRewrittenWithARecomputedHashBreaksTheLinkOfTheNextRow()
    {
        var entries = Chain(4);
        var forged = AuditEntry.Chain(1, entries[0].Hash, _at, "someone", "someone@else", "Tender", "t-1", AuditAction.Modified,
            new Dictionary<string, FieldChange>());

        var check = Check([entries[0], forged, entries[2], entries[3]], 4, entries[3].Hash);

        var failure = Assert.Single(check.Breaks);
        Assert.Equal((3L, AuditBreakKind.BrokenLink), (failure.FromSequence, failure.Kind));
    }
}
