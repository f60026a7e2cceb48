using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>The portal's own search: <see cref="SupplierIndex"/> as the application uses it, filters, facets and snippets included.</summary>
internal sealed class LuceneEngine(string directory, TimeProvider clock, IReadOnlyList<Supplier> suppliers) : ISearchEngine
{
    private readonly SupplierIndex _index = new(directory, clock);
    private readonly Dictionary<Guid, int> _positions = suppliers.Select((s, i) => (s.Id, i)).ToDictionary();

    public string Name => "Lucene.Net 4.8 (SupplierIndex)";

    public bool InProcess => true;

    public Task<string> BuildAsync()
    {
        var count = _index.Rebuild(suppliers);
        return Task.FromResult($"Rebuild of {count:N0} documents");
    }

    public Task<long> SizeBytesAsync() =>
        Task.FromResult(new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length));

    public ValueTask<SearchAnswer> SearchAsync(SupplierQuery need)
    {
        var result = _index.Search(need);
        return ValueTask.FromResult(new SearchAnswer(result.Total, [.. result.Items.Select(hit => _positions[hit.Id])]));
    }

    /// <summary>
    /// The answers when the first pass matches with every term (no limits): what the two-pass search is
    /// checked against, so that its speed is not bought with worse results.
    /// </summary>
    public IReadOnlyList<SearchAnswer> EveryTermAnswers(IEnumerable<SupplierQuery> needs) =>
        [.. needs.Select(need => _index.Search(need, MatchLimits.Exhaustive)).Select(r => new SearchAnswer(r.Total, [.. r.Items.Select(hit => _positions[hit.Id])]))];

    /// <summary>The terms each need's first pass matches with, for running the other engines on the same reduced query.</summary>
    public Func<SupplierQuery, IReadOnlyList<string>> FirstPassTerms(IEnumerable<SupplierQuery> needs)
    {
        var planned = new Dictionary<SupplierQuery, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        foreach (var need in needs)
        {
            planned[need] = _index.FirstPassTerms(need.Text ?? "");
        }
        return need => planned[need];
    }

    public ValueTask DisposeAsync()
    {
        _index.Dispose();
        return ValueTask.CompletedTask;
    }
}
