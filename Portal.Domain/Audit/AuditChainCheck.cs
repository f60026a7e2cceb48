namespace Portal.Domain.Audit;

/// <summary>
/// Walks the audit chain in sequence order and notes every place it is broken: a row whose hash does not match its
/// content (edited), numbers that are missing (deleted), a row that does not chain onto the one before it (rewritten
/// or inserted), and a chain that ends before the recorded head (the latest rows deleted). Fed page by page, so a long
/// chain never has to sit in memory.
/// </summary>
public sealed class AuditChainCheck
{
    private readonly List<AuditChainBreak> _breaks = [];
    private long _lastSequence;
    private string _lastHash = AuditEntry.GenesisHash;

    public long Checked { get; private set; }

    public IReadOnlyList<AuditChainBreak> Breaks => _breaks;

    public void Add(AuditEntry entry)
    {
        Checked++;
        if (entry.Sequence != _lastSequence + 1)
        {
            _breaks.Add(AuditChainBreak.Missing(_lastSequence + 1, entry.Sequence - 1));
        }
        else if (entry.PreviousHash != _lastHash)
        {
            _breaks.Add(new AuditChainBreak(entry.Sequence, entry.Sequence, AuditBreakKind.BrokenLink,
                new Phrase("Entry {0} does not chain onto entry {1}: its previous hash is not that entry's hash.", entry.Sequence, _lastSequence)));
        }
        if (entry.ComputeHash() != entry.Hash)
        {
            _breaks.Add(new AuditChainBreak(entry.Sequence, entry.Sequence, AuditBreakKind.Edited,
                new Phrase("Entry {0} was changed after it was recorded: its content no longer gives its hash.", entry.Sequence)));
        }
        _lastSequence = entry.Sequence;
        _lastHash = entry.Hash;
    }

    /// <summary>Closes the walk against the head the database recorded with the last append.</summary>
    public void Finish(long headSequence, string headHash)
    {
        if (headSequence > _lastSequence)
        {
            _breaks.Add(AuditChainBreak.Missing(_lastSequence + 1, headSequence));
        }
        else if (headSequence == _lastSequence && headHash != _lastHash)
        {
            _breaks.Add(new AuditChainBreak(headSequence, headSequence, AuditBreakKind.BrokenLink,
                new Phrase("The last entry ({0}) is not the one recorded as the chain's head.", headSequence)));
        }
        else if (headSequence < _lastSequence)
        {
            _breaks.Add(new AuditChainBreak(headSequence + 1, _lastSequence, AuditBreakKind.BrokenLink,
                new Phrase("Entries after {0}, the recorded head of the chain, were added outside the portal.", headSequence)));
        }
    }

    public bool Intact => _breaks.Count == 0;
}

public enum AuditBreakKind
{
    Edited,
    Deleted,
    BrokenLink,
}

/// <summary>Entries <see cref="FromSequence"/> to <see cref="ToSequence"/> fail verification, for the reason given.</summary>
public sealed record AuditChainBreak(long FromSequence, long ToSequence, AuditBreakKind Kind, Phrase Message)
{
    internal static AuditChainBreak Missing(long from, long to) => new(from, to, AuditBreakKind.Deleted,
        from == to
            ? new Phrase("Entry {0} is missing: it was deleted.", from)
            : new Phrase("Entries {0} to {1} are missing: they were deleted.", from, to));
}
