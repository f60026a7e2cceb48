using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// Counts, over every matching supplier, the size classes, regions, categories and valid certifications, per segment
/// by ordinal and resolved to text once per segment.
/// </summary>
internal sealed class FacetCollector(string todayKey) : ICollector
{
    private readonly Dictionary<string, int> _sizeClass = [];
    private readonly Dictionary<string, int> _region = [];
    private readonly Dictionary<string, int> _category = [];
    private readonly Dictionary<string, int> _certification = [];

    private Single? _size;
    private Single? _regionValues;
    private Multi? _categories;
    private Multi? _certifications;

    public bool AcceptsDocsOutOfOrder => true;

    public SupplierFacets ToFacets()
    {
        Flush();
        return new SupplierFacets(_sizeClass, _region, _category, _certification);
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _size = Single.Open(reader.GetSortedDocValues(SupplierDocuments.SizeClass));
        _regionValues = Single.Open(reader.GetSortedDocValues(SupplierDocuments.Region));
        _categories = Multi.Open(reader.GetSortedSetDocValues(SupplierDocuments.Category));
        _certifications = Multi.Open(reader.GetSortedSetDocValues(SupplierDocuments.CertificationValidity));
    }

    public void Collect(int doc)
    {
        _size?.Count(doc);
        _regionValues?.Count(doc);
        _categories?.Count(doc);
        _certifications?.Count(doc);
    }

    private void Flush()
    {
        _size?.AddTo(_sizeClass, v => v);
        _regionValues?.AddTo(_region, v => v);
        _categories?.AddTo(_category, v => v);
        // Only certifications still valid today count; the facet shows them by their display name.
        _certifications?.AddTo(_certification, v =>
        {
            var (_, validUntil, name) = SupplierDocuments.ParseCertification(v);
            return string.CompareOrdinal(validUntil, todayKey) >= 0 ? name : null;
        });
        _size = _regionValues = null;
        _categories = _certifications = null;
    }

    /// <summary>Counts per ordinal of one segment's doc values, turned into labelled totals once at the end.</summary>
    private abstract class OrdinalCounts(long valueCount)
    {
        protected readonly int[] Counts = new int[valueCount];

        protected abstract void LookupOrd(long ord, BytesRef text);

        public void AddTo(Dictionary<string, int> totals, Func<string, string?> label)
        {
            var text = new BytesRef();
            for (var ord = 0; ord < Counts.Length; ord++)
            {
                if (Counts[ord] > 0)
                {
                    LookupOrd(ord, text);
                    if (label(text.Utf8ToString()) is { } key)
                    {
                        totals[key] = totals.GetValueOrDefault(key) + Counts[ord];
                    }
                }
            }
        }
    }

    private sealed class Single(SortedDocValues values) : OrdinalCounts(values.ValueCount)
    {
        public static Single? Open(SortedDocValues? values) => values is null ? null : new Single(values);

        public void Count(int doc)
        {
            var ord = values.GetOrd(doc);
            if (ord >= 0)
            {
                Counts[ord]++;
            }
        }

        protected override void LookupOrd(long ord, BytesRef text) => values.LookupOrd((int)ord, text);
    }

    private sealed class Multi(SortedSetDocValues values) : OrdinalCounts(values.ValueCount)
    {
        public static Multi? Open(SortedSetDocValues? values) => values is null ? null : new Multi(values);

        public void Count(int doc)
        {
            values.SetDocument(doc);
            for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
            {
                Counts[ord]++;
            }
        }

        protected override void LookupOrd(long ord, BytesRef text) => values.LookupOrd(ord, text);
    }
}
