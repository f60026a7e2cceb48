using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Portal.Domain.Suppliers;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Portal.Search;

/// <summary>
/// The Lucene.Net index of the supplier library. The database is the source of truth: the index is rebuilt from it
/// when missing or corrupt, and every profile save updates it near-real-time (searchable as soon as the save returns).
/// One instance per process; writes are serialised, searches run concurrently.
/// </summary>
public sealed class SupplierIndex : IDisposable
{
    /// <summary>Distinct query terms used at most (each becomes one clause; Lucene allows 1,024).</summary>
    public const int MaxQueryTerms = 256;

    private readonly LuceneDirectory _directory;
    private readonly PortalAnalyzer _analyzer = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly TimeProvider _clock;
    private readonly System.Threading.Lock _writeLock = new();

    public SupplierIndex(string path, TimeProvider clock)
    {
        _clock = clock;
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
        (_writer, NeedsRebuild) = OpenWriter(_directory, _analyzer, path);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    /// <summary>True when the index was missing or unreadable at start and holds nothing until rebuilt.</summary>
    public bool NeedsRebuild { get; private set; }

    public int Count => _writer.NumDocs;

    /// <summary>Adds or replaces one supplier and makes the change visible to searches before returning.</summary>
    public void Upsert(Supplier supplier)
    {
        lock (_writeLock)
        {
            _writer.UpdateDocument(new Term(SupplierDocuments.Id, supplier.Id.ToString("N")), SupplierDocuments.ToDocument(supplier));
            _writer.Commit();
        }
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Replaces the whole index with these suppliers; searches see the old index until the new one is complete.</summary>
    public int Rebuild(IEnumerable<Supplier> suppliers, IProgress<int>? progress = null)
    {
        var count = 0;
        lock (_writeLock)
        {
            _writer.DeleteAll();
            foreach (var supplier in suppliers)
            {
                _writer.AddDocument(SupplierDocuments.ToDocument(supplier));
                if (++count % 1000 == 0)
                {
                    progress?.Report(count);
                }
            }
            _writer.Commit();
            NeedsRebuild = false;
        }
        _searchers.MaybeRefreshBlocking();
        progress?.Report(count);
        return count;
    }

    public SupplierSearchResult Search(SupplierQuery query)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, SupplierQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        var terms = string.IsNullOrWhiteSpace(query.Text)
            ? []
            : _analyzer.Terms(SupplierDocuments.Capabilities, query.Text, MaxQueryTerms);
        if (terms.Count == 0 && !query.HasFilters)
        {
            return SupplierSearchResult.Nothing;
        }

        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var todayKey = today.ToString("yyyyMMdd");
        var searcher = _searchers.Acquire();
        try
        {
            var wanted = page * pageSize;
            var facets = new FacetCollector(todayKey);
            ITopDocsCollector top = terms.Count > 0 && query.Sort == SupplierSort.Relevance
                ? TopScoreDocCollector.Create(wanted, docsScoredInOrder: false)
                : TopFieldCollector.Create(new Sort(new SortField(SupplierDocuments.SortName, SortFieldType.STRING, query.Sort == SupplierSort.NameDescending)),
                    wanted, fillFields: false, trackDocScores: terms.Count > 0, trackMaxScore: false, docsScoredInOrder: false);
            var runs = terms.Count > 0 ? _analyzer.Runs(SupplierDocuments.Capabilities, query.Text!) : [];
            searcher.Search(BuildQuery(terms, runs), BuildFilter(query, today, todayKey), MultiCollector.Wrap(top, facets));

            var topDocs = top.GetTopDocs((page - 1) * pageSize, pageSize);
            var termSet = terms.ToHashSet(StringComparer.Ordinal);
            var items = topDocs.ScoreDocs.Select(hit => ToHit(searcher, hit, termSet, todayKey)).ToList();
            return new SupplierSearchResult(topDocs.TotalHits, items, facets.ToFacets(), NothingToSearchFor: false);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>How well a text matches one supplier's profile (0 when nothing matches), on the search's own scale.</summary>
    public float ScoreFor(Guid supplierId, string text)
    {
        var terms = _analyzer.Terms(SupplierDocuments.Capabilities, text, MaxQueryTerms);
        if (terms.Count == 0)
        {
            return 0;
        }
        var searcher = _searchers.Acquire();
        try
        {
            var only = new QueryWrapperFilter(new TermQuery(new Term(SupplierDocuments.Id, supplierId.ToString("N"))));
            var top = searcher.Search(BuildQuery(terms, _analyzer.Runs(SupplierDocuments.Capabilities, text)), only, 1);
            return top.ScoreDocs.Length == 0 ? 0 : top.ScoreDocs[0].Score;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Longest run of adjacent tokens matched as one phrase; longer runs are matched in overlapping pieces.</summary>
    private const int MaxPhraseLength = 6;
    private const int PhrasePieceLength = 3;

    /// <summary>
    /// One disjunction per query term across the weighted fields (more terms matched scores higher), plus one per
    /// run of adjacent tokens as a phrase, so that "人脸识别" found as written outranks 人脸 and 识别 found apart.
    /// </summary>
    private static Query BuildQuery(IReadOnlyList<string> terms, IReadOnlyList<IReadOnlyList<string>> runs)
    {
        if (terms.Count == 0)
        {
            return new MatchAllDocsQuery();
        }
        var query = new BooleanQuery(disableCoord: false);
        foreach (var term in terms)
        {
            query.Add(AcrossFields(field => new TermQuery(new Term(field, term))), Occur.SHOULD);
        }
        var phrases = runs.Where(run => run.Count > 1).SelectMany(Pieces).Distinct(PhraseComparer.Instance);
        foreach (var phrase in phrases.Take(BooleanQuery.MaxClauseCount - terms.Count))
        {
            query.Add(AcrossFields(field =>
            {
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

    private static DisjunctionMaxQuery AcrossFields(Func<string, Query> perField)
    {
        var query = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in SupplierDocuments.SearchFields)
        {
            var fieldQuery = perField(field);
            fieldQuery.Boost = boost;
            query.Add(fieldQuery);
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

    private static Filter? BuildFilter(SupplierQuery query, DateOnly today, string todayKey)
    {
        var clauses = new BooleanQuery();
        if (query.SizeClass is { } size)
        {
            clauses.Add(new TermQuery(new Term(SupplierDocuments.SizeClass, size.ToKey())), Occur.MUST);
        }
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            clauses.Add(new TermQuery(new Term(SupplierDocuments.Region, query.Region.Trim())), Occur.MUST);
        }
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            clauses.Add(new TermQuery(new Term(SupplierDocuments.Category, query.Category.Trim())), Occur.MUST);
        }
        if (!string.IsNullOrWhiteSpace(query.Certification))
        {
            // Held and still valid today: "KEY|yyyyMMdd|…" from today's date up to the end of that key's range.
            var key = Certification.NameKey(query.Certification);
            clauses.Add(TermRangeQuery.NewStringRange(SupplierDocuments.CertificationValidity, $"{key}|{todayKey}", $"{key}|~", true, true), Occur.MUST);
        }
        var filter = new BooleanFilter();
        if (clauses.Clauses.Count > 0)
        {
            filter.Add(new QueryWrapperFilter(clauses), Occur.MUST);
        }
        if (query.MinProjectValueYuan is not null || query.WithinYears is not null)
        {
            var since = query.WithinYears is { } years ? today.AddYears(-years) : DateOnly.MinValue;
            filter.Add(new ProjectFilter((long)((query.MinProjectValueYuan ?? 0m) * 100), since.DayNumber), Occur.MUST);
        }
        return filter.Clauses.Count == 0 ? null : filter;
    }

    private SupplierHit ToHit(IndexSearcher searcher, ScoreDoc hit, IReadOnlySet<string> terms, string todayKey)
    {
        var document = searcher.Doc(hit.Doc);
        var best = SupplierDocuments.SnippetFields
            .Select(field => Snippets.Build(_analyzer, field, document.Get(field) ?? "", terms))
            .ToList();
        var snippet = best.FirstOrDefault(s => s.Hits > 0) ?? best[0];
        var certifications = document.GetValues(SupplierDocuments.CertificationValidity)
            .Select(SupplierDocuments.ParseCertification)
            .Where(c => string.CompareOrdinal(c.ValidUntil, todayKey) >= 0)
            .Select(c => c.Name)
            .ToList();
        return new SupplierHit(
            Guid.ParseExact(document.Get(SupplierDocuments.Id), "N"),
            document.Get(SupplierDocuments.DisplayName),
            document.Get(SupplierDocuments.SizeClass),
            document.Get(SupplierDocuments.Region),
            certifications,
            float.IsNaN(hit.Score) ? 0f : hit.Score,
            snippet.Html,
            [.. best.Concat(SupplierDocuments.ShortFields.Select(field => Snippets.Build(_analyzer, field, document.Get(field) ?? "", terms)))
                .SelectMany(s => s.Matched).Distinct()]);
    }

    /// <summary>Opens the index for writing; an unreadable index is wiped and reported as needing a rebuild.</summary>
    private static (IndexWriter Writer, bool NeedsRebuild) OpenWriter(LuceneDirectory directory, PortalAnalyzer analyzer, string path)
    {
        var existed = DirectoryReader.IndexExists(directory);
        try
        {
            if (existed)
            {
                // Reading every segment once detects a damaged index now rather than at the first search.
                using var probe = DirectoryReader.Open(directory);
                _ = probe.NumDocs;
            }
            return (new IndexWriter(directory, Config(analyzer, OpenMode.CREATE_OR_APPEND)), !existed);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or EndOfStreamException or FileNotFoundException or IOException && ex is not LockObtainFailedException)
        {
            foreach (var file in System.IO.Directory.GetFiles(path))
            {
                File.Delete(file);
            }
            return (new IndexWriter(directory, Config(analyzer, OpenMode.CREATE)), true);
        }
    }

    private static IndexWriterConfig Config(PortalAnalyzer analyzer, OpenMode mode) =>
        new(PortalAnalyzer.Version, analyzer) { OpenMode = mode };

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
