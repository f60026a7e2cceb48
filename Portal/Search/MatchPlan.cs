using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// How one need is matched against the index, in two passes. The first pass finds and counts the matching suppliers
/// with the need's most selective terms only, reading at most a budget of postings; the second pass scores the best
/// first-pass candidates with every term and every phrase of the need. On a small library every term fits in the
/// budget and both passes see the same terms; on a large one the terms that most suppliers share ("系统", "平台",
/// "platform") only rank the candidates instead of making nearly every supplier a match. See
/// docs/decisions/0005-two-pass-matching.md.
/// </summary>
internal sealed class MatchPlan
{
    /// <summary>Longest run of adjacent tokens matched as one phrase; longer runs are matched in overlapping pieces.</summary>
    private const int MaxPhraseLength = 6;
    private const int PhrasePieceLength = 3;


    private readonly IReadOnlyDictionary<(string Field, string Term), TermContext> _contexts;

    private MatchPlan(
        IReadOnlyDictionary<(string Field, string Term), TermContext> contexts,
        IReadOnlyList<string> allTerms,
        IReadOnlyList<string> firstPassTerms,
        IReadOnlyList<IReadOnlyList<string>> phrases,
        IReadOnlyList<IReadOnlyList<string>> words)
    {
        _contexts = contexts;
        Words = words;
        AllTerms = allTerms;
        FirstPassTerms = firstPassTerms;
        Phrases = phrases;
    }

    /// <summary>The terms of the need that occur in the index.</summary>
    public IReadOnlyList<string> AllTerms { get; }

    /// <summary>The rarest terms, whose postings fit in the budget: a supplier matches when it has one of them.</summary>
    public IReadOnlyList<string> FirstPassTerms { get; }

    public IReadOnlyList<IReadOnlyList<string>> Phrases { get; }

    /// <summary>
    /// The words as written (runs of adjacent tokens short enough to be one word: 适老化, 智能门禁, radar), for judging
    /// how many of them a supplier covers. Empty for a need written as long sentences.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Words { get; }

    /// <summary>Words of a need considered at most.</summary>
    private const int MaxWords = 16;

    /// <summary>True when the second pass scores with more than the first pass matched with.</summary>
    public bool NeedsSecondPass => Phrases.Count > 0 || FirstPassTerms.Count < AllTerms.Count;

    /// <summary>
    /// Looks every term up once per field, keeps those in the index and picks the first-pass terms: rarest first while
    /// their postings (summed over the searched fields) stay within the budget, and always at least the rarest.
    /// </summary>
    public static MatchPlan Create(IndexSearcher searcher, IReadOnlyList<string> terms, IReadOnlyList<IReadOnlyList<string>> runs, MatchLimits limits)
    {
        var contexts = Lookup(searcher, terms);
        var postings = terms.ToDictionary(
            term => term,
            term => SupplierDocuments.SearchFields.Sum(f => (long)contexts[(f.Field, term)].DocFreq),
            StringComparer.Ordinal);
        // A long need keeps its most informative terms: the ones most suppliers share add cost, not ranking.
        var informative = terms.Where(t => postings[t] > 0).OrderBy(t => postings[t]).Take(limits.MaxTerms).ToHashSet(StringComparer.Ordinal);
        var present = terms.Where(informative.Contains).ToList();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        long spent = 0;
        foreach (var term in present.OrderBy(t => postings[t]))
        {
            if (chosen.Count > 0 && spent + postings[term] > limits.PostingsBudget)
            {
                break;
            }
            chosen.Add(term);
            spent += postings[term];
        }
        var presentSet = present.ToHashSet(StringComparer.Ordinal);
        var phrases = runs
            .Where(run => run.Count > 1)
            .SelectMany(Pieces)
            .Where(piece => piece.All(presentSet.Contains))
            .Distinct(PhraseComparer.Instance)
            .OrderBy(piece => piece.Min(token => postings[token]))
            .Take(Math.Min(limits.MaxPhrases, BooleanQuery.MaxClauseCount - present.Count))
            .ToList();
        var words = runs.Where(run => run.Count <= MaxPhraseLength).Distinct(PhraseComparer.Instance).ToList();
        // The first pass keeps the need's order of terms: the scores do not depend on it, the query reads better.
        return new MatchPlan(contexts, present, [.. present.Where(chosen.Contains)], phrases,
            words.Count is > 1 and <= MaxWords ? words : []);
    }

    /// <summary>
    /// The statistics of every term in every searched field, with one terms enumerator per field and segment (looking
    /// each up on its own allocates an enumerator per term, which costs more than the seek).
    /// </summary>
    private static Dictionary<(string Field, string Term), TermContext> Lookup(IndexSearcher searcher, IReadOnlyList<string> terms)
    {
        var top = searcher.TopReaderContext;
        var contexts = new Dictionary<(string Field, string Term), TermContext>();
        var bytes = terms.Select(term => new BytesRef(term)).ToList();
        foreach (var (field, _) in SupplierDocuments.SearchFields)
        {
            var perTerm = terms.Select(_ => new TermContext(top)).ToList();
            foreach (var leaf in top.Leaves)
            {
                var fieldTerms = leaf.AtomicReader.GetTerms(field);
                if (fieldTerms is null)
                {
                    continue;
                }
                var enumerator = fieldTerms.GetEnumerator();
                for (var i = 0; i < terms.Count; i++)
                {
                    if (enumerator.SeekExact(bytes[i]))
                    {
                        perTerm[i].Register(enumerator.GetTermState(), leaf.Ord, enumerator.DocFreq, enumerator.TotalTermFreq);
                    }
                }
            }
            for (var i = 0; i < terms.Count; i++)
            {
                contexts[(field, terms[i])] = perTerm[i];
            }
        }
        return contexts;
    }

    /// <summary>One disjunction per first-pass term across the weighted fields: finds, counts and pre-ranks the matches.</summary>
    public Query FirstPass() => Disjunction(FirstPassTerms, []);

    /// <summary>
    /// One disjunction per term across the weighted fields (more terms matched scores higher), plus one per run of
    /// adjacent tokens as a phrase, so that "人脸识别" found as written outranks 人脸 and 识别 found apart.
    /// </summary>
    public Query Full() => Disjunction(AllTerms, Phrases);

    private Query Disjunction(IReadOnlyList<string> terms, IReadOnlyList<IReadOnlyList<string>> phrases)
    {
        var query = new BooleanQuery(disableCoord: false);
        foreach (var term in terms)
        {
            query.Add(AcrossFields(field => _contexts[(field, term)] is { DocFreq: > 0 } context
                ? new TermQuery(new Term(field, term), context)
                : null), Occur.SHOULD);
        }
        foreach (var phrase in phrases)
        {
            query.Add(AcrossFields(field =>
            {
                // A phrase can only occur in a field that holds each of its tokens.
                if (phrase.Any(token => _contexts[(field, token)].DocFreq == 0))
                {
                    return null;
                }
                var phraseQuery = new PhraseQuery();
                foreach (var token in phrase)
                {
                    phraseQuery.Add(new Term(field, token));
                }
                return phraseQuery;
            }), Occur.SHOULD);
        }
        return query;
    }

    /// <summary>A supplier has the word when every token of it occurs in one of the searched fields; null when none can.</summary>
    public Query? WordQuery(IReadOnlyList<string> word)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var token in word)
        {
            var across = AcrossFields(field => _contexts.TryGetValue((field, token), out var context) && context.DocFreq > 0
                ? new TermQuery(new Term(field, token), context)
                : null);
            if (across.Disjuncts.Count == 0)
            {
                return null;
            }
            query.Add(across, Occur.MUST);
        }
        return query;
    }

    private static DisjunctionMaxQuery AcrossFields(Func<string, Query?> perField)
    {
        var query = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in SupplierDocuments.SearchFields)
        {
            if (perField(field) is { } fieldQuery)
            {
                fieldQuery.Boost = boost;
                query.Add(fieldQuery);
            }
        }
        return query;
    }

    private static IEnumerable<IReadOnlyList<string>> Pieces(IReadOnlyList<string> run)
    {
        if (run.Count <= MaxPhraseLength)
        {
            yield return run;
            yield break;
        }
        for (var start = 0; start + PhrasePieceLength <= run.Count; start += PhrasePieceLength - 1)
        {
            yield return run.Skip(start).Take(PhrasePieceLength).ToList();
        }
    }

    private sealed class PhraseComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly PhraseComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IReadOnlyList<string> phrase) => string.Join(' ', phrase).GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>How much of a need a search uses; see docs/decisions/0005-two-pass-matching.md for how the figures were chosen.</summary>
/// <param name="PostingsBudget">Postings the first pass may read: every term of a need on a library of thousands, only the selective ones on a library of a hundred thousand.</param>
/// <param name="MaxTerms">Terms of a need used at most, the rarest in the library: a lot description has up to 150 bigrams, and those most suppliers share add cost, not ranking.</param>
/// <param name="MaxPhrases">Phrase clauses used at most, those of the rarest words first: each costs a term lookup per token and field.</param>
/// <param name="RescoreDepth">First-pass candidates the second pass scores with every term and phrase, at least one page's worth.</param>
internal sealed record MatchLimits(long PostingsBudget, int MaxTerms, int MaxPhrases, int RescoreDepth)
{
    public static readonly MatchLimits Default = new(60_000, 48, 16, 80);

    /// <summary>Every term and phrase, no budget: one pass over everything that shares a word with the need (the benchmark's reference).</summary>
    public static readonly MatchLimits Exhaustive = new(long.MaxValue, SupplierIndex.MaxQueryTerms, BooleanQuery.MaxClauseCount, 100);
}
