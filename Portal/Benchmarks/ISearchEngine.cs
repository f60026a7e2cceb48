using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>One search engine under test: built once from the synthetic suppliers, then asked every need.</summary>
internal interface ISearchEngine : IAsyncDisposable
{
    string Name { get; }

    /// <summary>True when the engine runs inside this process, so that the process's memory is its memory.</summary>
    bool InProcess { get; }

    /// <summary>Indexes every supplier; returns how the time was spent, for the report.</summary>
    Task<string> BuildAsync();

    /// <summary>The bytes the index takes on disk (files, or relations and their indexes).</summary>
    Task<long> SizeBytesAsync();

    /// <summary>The first page of ten for a need: the positions of the suppliers found in the corpus, and how many match.</summary>
    ValueTask<SearchAnswer> SearchAsync(SupplierQuery need);
}

/// <summary>The top suppliers (their positions in the corpus), best first, and the number of all matching ones.</summary>
internal sealed record SearchAnswer(int Total, IReadOnlyList<int> Top);
