using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// Counts, over every matching supplier, the size classes, regions, categories and certifications valid today. Each
/// segment's values are read from its doc values once and kept as plain arrays of label numbers
/// (<see cref="SegmentFacets"/>), so counting a match costs a few array reads.
/// </summary>
internal sealed class FacetCollector(string todayKey) : ICollector
{
    private readonly Dictionary<string, int> _sizeClass = [];
    private readonly Dictionary<string, int> _region = [];
    private readonly Dictionary<string, int> _category = [];
    private readonly Dictionary<string, int> _certification = [];

    private SegmentFacets? _segment;
    private int[] _sizeCounts = [];
    private int[] _regionCounts = [];
    private int[] _categoryCounts = [];
    private int[] _certificationCounts = [];

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
        _segment = SegmentFacets.For(context.AtomicReader, todayKey);
        _sizeCounts = new int[_segment.SizeClass.Labels.Length];
        _regionCounts = new int[_segment.Region.Labels.Length];
        _categoryCounts = new int[_segment.Category.Labels.Length];
        _certificationCounts = new int[_segment.Certification.Labels.Length];
    }

    public void Collect(int doc)
    {
        var segment = _segment!;
        segment.SizeClass.Count(doc, _sizeCounts);
        segment.Region.Count(doc, _regionCounts);
        segment.Category.Count(doc, _categoryCounts);
        segment.Certification.Count(doc, _certificationCounts);
    }

    private void Flush()
    {
        if (_segment is not { } segment)
        {
            return;
        }
        AddTo(_sizeClass, segment.SizeClass.Labels, _sizeCounts);
        AddTo(_region, segment.Region.Labels, _regionCounts);
        AddTo(_category, segment.Category.Labels, _categoryCounts);
        AddTo(_certification, segment.Certification.Labels, _certificationCounts);
        _segment = null;
    }

    private static void AddTo(Dictionary<string, int> totals, string[] labels, int[] counts)
    {
        for (var label = 0; label < labels.Length; label++)
        {
            if (counts[label] > 0)
            {
                totals[labels[label]] = totals.GetValueOrDefault(labels[label]) + counts[label];
            }
        }
    }
}

/// <summary>
/// The facet values of one segment as label numbers per document, built once per segment (and again for
/// certifications when the day changes, since validity depends on it). A segment never changes once written.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> _cache = new();

    private SegmentFacets(string todayKey, Labelled sizeClass, Labelled region, Labelled category, Labelled certification)
    {
        TodayKey = todayKey;
        SizeClass = sizeClass;
        Region = region;
        Category = category;
        Certification = certification;
    }

    public string TodayKey { get; }

    public Labelled SizeClass { get; }

    public Labelled Region { get; }

    public Labelled Category { get; }

    /// <summary>Certifications valid on <see cref="TodayKey"/>, by display name.</summary>
    public Labelled Certification { get; }

    public static SegmentFacets For(AtomicReader reader, string todayKey)
    {
        if (_cache.TryGetValue(reader.CoreCacheKey, out var cached) && cached.TodayKey == todayKey)
        {
            return cached;
        }
        var built = new SegmentFacets(
            todayKey,
            Labelled.FromSorted(reader.GetSortedDocValues(SupplierDocuments.SizeClass), reader.MaxDoc),
            Labelled.FromSorted(reader.GetSortedDocValues(SupplierDocuments.Region), reader.MaxDoc),
            Labelled.FromSortedSet(reader.GetSortedSetDocValues(SupplierDocuments.Category), reader.MaxDoc, value => value),
            Labelled.FromSortedSet(reader.GetSortedSetDocValues(SupplierDocuments.CertificationValidity), reader.MaxDoc, value =>
            {
                var (_, validUntil, name) = SupplierDocuments.ParseCertification(value);
                return string.CompareOrdinal(validUntil, todayKey) >= 0 ? name : null;
            }));
        _cache.AddOrUpdate(reader.CoreCacheKey, built);
        return built;
    }

    /// <summary>
    /// The distinct labels of one facet and, per document, the labels it has, as offsets into one array
    /// (document d has <c>Values[Starts[d]..Starts[d + 1]]</c>), each label at most once per document.
    /// </summary>
    public sealed class Labelled(string[] labels, int[] starts, int[] values)
    {
        public static readonly Labelled Empty = new([], [0], []);

        public string[] Labels { get; } = labels;

        public void Count(int doc, int[] counts)
        {
            if (doc + 1 >= starts.Length)
            {
                return;
            }
            for (var i = starts[doc]; i < starts[doc + 1]; i++)
            {
                counts[values[i]]++;
            }
        }

        public static Labelled FromSorted(SortedDocValues? docValues, int maxDoc)
        {
            if (docValues is null)
            {
                return Empty;
            }
            var text = new BytesRef();
            var labels = new string[docValues.ValueCount];
            for (var ord = 0; ord < labels.Length; ord++)
            {
                docValues.LookupOrd(ord, text);
                labels[ord] = text.Utf8ToString();
            }
            var builder = new Builder(maxDoc);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                var ord = docValues.GetOrd(doc);
                if (ord >= 0)
                {
                    builder.Add(ord);
                }
                builder.EndDocument();
            }
            return builder.Build(labels);
        }

        /// <summary>Values whose <paramref name="label"/> is null are left out (an expired certification).</summary>
        public static Labelled FromSortedSet(SortedSetDocValues? docValues, int maxDoc, Func<string, string?> label)
        {
            if (docValues is null)
            {
                return Empty;
            }
            var text = new BytesRef();
            var labels = new List<string>();
            var labelNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
            var ordLabels = new int[docValues.ValueCount];
            for (var ord = 0L; ord < ordLabels.Length; ord++)
            {
                docValues.LookupOrd(ord, text);
                if (label(text.Utf8ToString()) is not { } name)
                {
                    ordLabels[ord] = -1;
                    continue;
                }
                if (!labelNumbers.TryGetValue(name, out var number))
                {
                    labelNumbers[name] = number = labels.Count;
                    labels.Add(name);
                }
                ordLabels[ord] = number;
            }
            var builder = new Builder(maxDoc);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                docValues.SetDocument(doc);
                for (var ord = docValues.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = docValues.NextOrd())
                {
                    if (ordLabels[ord] >= 0)
                    {
                        builder.AddOnce(ordLabels[ord]);
                    }
                }
                builder.EndDocument();
            }
            return builder.Build([.. labels]);
        }

        private sealed class Builder(int maxDoc)
        {
            private readonly int[] _starts = new int[maxDoc + 1];
            private readonly List<int> _values = new(maxDoc);
            private int _doc;

            public void Add(int label) => _values.Add(label);

            /// <summary>Adds the label unless the current document has it already (two certificates of one name).</summary>
            public void AddOnce(int label)
            {
                for (var i = _starts[_doc]; i < _values.Count; i++)
                {
                    if (_values[i] == label)
                    {
                        return;
                    }
                }
                _values.Add(label);
            }

            public void EndDocument() => _starts[++_doc] = _values.Count;

            public Labelled Build(string[] labels) => new(labels, _starts, [.. _values]);
        }
    }
}
