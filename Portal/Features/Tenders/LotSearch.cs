using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Tenders;
using Portal.Search;

namespace Portal.Features.Tenders;

/// <summary>
/// Free-text search of the published lots with the suppliers' analysis (CJK bigrams, English stems). Lots are few
/// (thousands, against suppliers' hundred thousand), so the index lives in memory and is rebuilt from the database
/// whenever the set of published lots has changed, which also keeps every node of a cluster current.
/// </summary>
public sealed class LotSearch(IDbContextFactory<PortalDbContext> contexts) : IDisposable
{
    /// <summary>Most lots a search returns, best first.</summary>
    public const int MaxResults = 1000;

    private static readonly (string Field, float Boost)[] _fields = [("title", 3f), ("description", 1.6f), ("tender", 1f)];

    private readonly PortalAnalyzer _analyzer = new();
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private (string Stamp, RAMDirectory Directory, DirectoryReader Reader)? _current;

    /// <summary>The published lots matching the text, best first; null when the text has nothing to search for (only punctuation).</summary>
    public async Task<List<Guid>?> RankAsync(string text, CancellationToken cancellationToken = default)
    {
        var terms = _analyzer.Terms("description", text, SupplierIndex.MaxQueryTerms);
        if (terms.Count == 0)
        {
            return null;
        }
        var reader = await CurrentAsync(cancellationToken);
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            var across = new DisjunctionMaxQuery(0.1f);
            foreach (var (field, boost) in _fields)
            {
                across.Add(new TermQuery(new Term(field, term)) { Boost = boost });
            }
            query.Add(across, Occur.SHOULD);
        }
        var searcher = new IndexSearcher(reader);
        return searcher.Search(query, MaxResults).ScoreDocs.Select(hit => Guid.ParseExact(searcher.Doc(hit.Doc).Get("id"), "N")).ToList();
    }

    private async Task<DirectoryReader> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var published = db.Tenders.Where(t => t.Status != TenderStatus.Draft);
        var stamp = $"{await published.CountAsync(cancellationToken)}|{await published.MaxAsync(t => t.PublishedAtUtc, cancellationToken):O}";
        if (_current is { } current && current.Stamp == stamp)
        {
            return current.Reader;
        }
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.Stamp == stamp)
            {
                return again.Reader;
            }
            var lots = await db.Lots.AsNoTracking()
                .Where(l => l.Status != LotStatus.Draft)
                .Join(db.Tenders.AsNoTracking(), l => l.TenderId, t => t.Id, (l, t) => new { l.Id, l.Title, l.Description, Tender = t.Title + "\n" + t.Description })
                .ToListAsync(cancellationToken);
            var directory = new RAMDirectory();
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(PortalAnalyzer.Version, _analyzer)))
            {
                foreach (var lot in lots)
                {
                    writer.AddDocument(new Document
                    {
                        new StringField("id", lot.Id.ToString("N"), Field.Store.YES),
                        new TextField("title", lot.Title, Field.Store.NO),
                        new TextField("description", lot.Description, Field.Store.NO),
                        new TextField("tender", lot.Tender, Field.Store.NO),
                    });
                }
                writer.Commit();
            }
            // Searches still holding the previous reader finish on it; it is dropped, not disposed, to stay safe for them.
            _current = (stamp, directory, DirectoryReader.Open(directory));
            return _current.Value.Reader;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public void Dispose()
    {
        _current?.Reader.Dispose();
        _current?.Directory.Dispose();
        _analyzer.Dispose();
        _rebuild.Dispose();
    }
}
