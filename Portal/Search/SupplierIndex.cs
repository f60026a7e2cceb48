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

    /// <summary>
    /// Replaces the whole index with these suppliers; searches see the old index until the new one is complete.
    /// Documents are analysed on every processor, and the result is merged into one segment, which searches fastest.
    /// </summary>
    public int Rebuild(IEnumerable<Supplier> suppliers, IProgress<int>? progress = null)
    {
        var count = 0;
        lock (_writeLock)
        {
            _writer.DeleteAll();
            Parallel.ForEach(suppliers, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, supplier =>
            {
                _writer.AddDocument(SupplierDocuments.ToDocument(supplier));
                if (Interlocked.Increment(ref count) % 1000 == 0)
                {
                    progress?.Report(count);
                }
            });
            _writer.ForceMerge(1);
            _writer.Commit();
            NeedsRebuild = false;
        }
        _searchers.MaybeRefreshBlocking();
        progress?.Report(count);
        return count;
    }

    public SupplierSearchResult Search(SupplierQuery query) => Search(query, MatchLimits.Default);

    /// <summary>The search within other limits (the benchmark compares with <see cref="MatchLimits.Exhaustive"/>).</summary>
    internal SupplierSearchResult Search(SupplierQuery query, MatchLimits limits)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, SupplierQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        var hasText = !string.IsNullOrWhiteSpace(query.Text);
        var terms = hasText
            ? _analyzer.Terms(SupplierDocuments.Capabilities, query.Text!, MaxQueryTerms)
            : [];
        if (hasText && terms.Count == 0 && !query.HasFilters)
        {
            // Text with nothing searchable in it (punctuation, stop words): saying so beats listing everyone.
            return SupplierSearchResult.Nothing;
        }

        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var todayKey = today.ToString("yyyyMMdd");
        var searcher = _searchers.Acquire();
        try
        {
            var plan = terms.Count > 0
                ? MatchPlan.Create(searcher, terms, _analyzer.Runs(SupplierDocuments.Capabilities, query.Text!), limits)
                : null;
            if (plan is { AllTerms.Count: 0 })
            {
                // Words the library does not contain: nothing matches, whatever the filters.
                return new SupplierSearchResult(0, [], SupplierSearchResult.Nothing.Facets, NothingToSearchFor: false);
            }
            var byRelevance = plan is not null && query.Sort == SupplierSort.Relevance;
            var wanted = page * pageSize;
            var facets = new FacetCollector(todayKey);
            ITopDocsCollector top = byRelevance
                ? TopScoreDocCollector.Create(Math.Max(wanted, limits.RescoreDepth), docsScoredInOrder: false)
                : TopFieldCollector.Create(query.Sort == SupplierSort.Relevance ? BrowseOrder : ByName(query.Sort == SupplierSort.NameDescending),
                    wanted, fillFields: false, trackDocScores: plan is not null, trackMaxScore: false, docsScoredInOrder: false);
            searcher.Search(plan?.FirstPass() ?? new MatchAllDocsQuery(), CachedFilter(query, today, todayKey), MultiCollector.Wrap(top, facets));

            var candidates = top.GetTopDocs();
            if (byRelevance && plan!.NeedsSecondPass && candidates.ScoreDocs.Length > 0)
            {
                candidates = new EveryTermRescorer(plan.Full()).Rescore(searcher, candidates, candidates.ScoreDocs.Length);
                candidates = WordCoverage.Rerank(searcher, plan, candidates, wanted);
            }
            var termSet = terms.ToHashSet(StringComparer.Ordinal);
            var items = candidates.ScoreDocs.Skip((page - 1) * pageSize).Take(pageSize)
                .Select(hit => ToHit(searcher, hit, termSet, todayKey))
                .ToList();
            return new SupplierSearchResult(candidates.TotalHits, items, facets.ToFacets(), NothingToSearchFor: false);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Without text to rank by: SMEs first, then the most recently updated profiles, then by name.</summary>
    private static readonly Sort BrowseOrder = new(
        new SortField(SupplierDocuments.LargeFirm, SortFieldType.INT64),
        new SortField(SupplierDocuments.UpdatedTicks, SortFieldType.INT64, reverse: true),
        new SortField(SupplierDocuments.SortName, SortFieldType.STRING));

    private static Sort ByName(bool descending) => new(new SortField(SupplierDocuments.SortName, SortFieldType.STRING, descending));

    /// <summary>The terms the first pass of a search for this text matches with (the benchmark gives them to the other engines).</summary>
    internal IReadOnlyList<string> FirstPassTerms(string text)
    {
        var terms = _analyzer.Terms(SupplierDocuments.Capabilities, text, MaxQueryTerms);
        var searcher = _searchers.Acquire();
        try
        {
            return terms.Count == 0 ? [] : MatchPlan.Create(searcher, terms, [], MatchLimits.Default).FirstPassTerms;
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
            var plan = MatchPlan.Create(searcher, terms, _analyzer.Runs(SupplierDocuments.Capabilities, text), MatchLimits.Default);
            if (plan.AllTerms.Count == 0)
            {
                return 0;
            }
            var only = new QueryWrapperFilter(new TermQuery(new Term(SupplierDocuments.Id, supplierId.ToString("N"))));
            var top = searcher.Search(plan.Full(), only, 1);
            return top.ScoreDocs.Length == 0 ? 0 : top.ScoreDocs[0].Score;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The second pass: the score with every term and phrase replaces the first pass's.</summary>
    private sealed class EveryTermRescorer(Query full) : QueryRescorer(full)
    {
        protected override float Combine(float firstPassScore, bool secondPassMatches, float secondPassScore) =>
            secondPassMatches ? secondPassScore : firstPassScore;
    }

    /// <summary>Filters kept with their matches per segment, by their values: searches repeat the same few filters.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> _filters = new(StringComparer.Ordinal);

    private const int MaxCachedFilters = 512;

    private Filter? CachedFilter(SupplierQuery query, DateOnly today, string todayKey)
    {
        if (!query.HasFilters)
        {
            return null;
        }
        var key = string.Join('\u001f', query.SizeClass, query.Region?.Trim(), query.Category?.Trim(), query.Certification?.Trim(),
            query.MinProjectValueYuan, query.WithinYears, todayKey);
        if (_filters.TryGetValue(key, out var cached))
        {
            return cached;
        }
        if (_filters.Count >= MaxCachedFilters)
        {
            _filters.Clear();
        }
        return BuildFilter(query, today, todayKey) is { } filter ? _filters.GetOrAdd(key, new CachingWrapperFilter(filter)) : null;
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
        var all = best.Concat(SupplierDocuments.ShortFields.Select(field => Snippets.Build(_analyzer, field, document.Get(field) ?? "", terms))).ToList();
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
            [.. all.SelectMany(s => s.Matched).Distinct()],
            WordsAsWritten(all.SelectMany(s => s.Words)));
    }

    /// <summary>Matched words shown at most per supplier.</summary>
    public const int MaxMatchedWords = 12;

    /// <summary>
    /// The matched words of every field, once each (ignoring case), those joining the most matched tokens first
    /// (四分类智能投放 before 城市), then in the order the profile writes them, leaving out a word that a longer one
    /// contains (分类 beside 垃圾分类).
    /// </summary>
    internal static IReadOnlyList<string> WordsAsWritten(IEnumerable<Snippets.MatchedWord> words)
    {
        var distinct = words
            .Select(w => w with { Text = w.Text.Trim() })
            .Where(w => w.Text.Length > 0)
            .GroupBy(w => w.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Snippets.MatchedWord(g.First().Text, g.Max(w => w.Tokens)))
            .ToList();
        return distinct
            .Where(word => !distinct.Any(other => other.Text.Length > word.Text.Length && other.Text.Contains(word.Text, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(word => word.Tokens)
            .Select(word => word.Text)
            .Take(MaxMatchedWords)
            .ToList();
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
                // An index written before a field this version sorts or filters by: rebuilt from the database.
                if (probe.NumDocs > 0 && MultiFields.GetMergedFieldInfos(probe).FieldInfo(SupplierDocuments.UpdatedTicks) is null)
                {
                    return (new IndexWriter(directory, Config(analyzer, OpenMode.CREATE_OR_APPEND)), true);
                }
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
        // A rebuild buffers up to 256 MB before writing a segment: fewer, larger segments to merge at the end.
        new(PortalAnalyzer.Version, analyzer) { OpenMode = mode, RAMBufferSizeMB = 256 };

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
