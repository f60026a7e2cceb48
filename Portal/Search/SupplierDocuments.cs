using System.Buffers.Binary;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Search;

/// <summary>How a supplier is written into the index: which fields, how they are searched and filtered.</summary>
internal static class SupplierDocuments
{
    public const string Id = "id";
    public const string Name = "name";
    public const string DisplayName = "displayName";
    public const string Capabilities = "capabilities";
    public const string Projects = "projects";
    public const string CertificationText = "certifications";
    public const string CategoryText = "categories";
    public const string SizeClass = "sizeClass";
    public const string Region = "region";
    public const string Category = "category";
    public const string SortName = "sortName";

    /// <summary>0 for an SME (micro, small, medium), 1 for a large firm: browsing lists SMEs first.</summary>
    public const string LargeFirm = "largeFirm";

    /// <summary>When the profile was last updated (UTC ticks): browsing lists the newest profiles first.</summary>
    public const string UpdatedTicks = "updatedTicks";

    /// <summary>"KEY|yyyyMMdd|Display name" per certification: the range from today up is the set of valid ones.</summary>
    public const string CertificationValidity = "certValid";

    /// <summary>Packed (completion day, value in fen) pairs of the past projects, for the project filter.</summary>
    public const string ProjectPoints = "projectPoints";

    /// <summary>Searched fields and their weight: the name says most, then the narrative, then the track record.</summary>
    public static readonly (string Field, float Boost)[] SearchFields =
    [
        (Name, 3.0f),
        (Capabilities, 1.6f),
        (CategoryText, 1.4f),
        (Projects, 1.0f),
        (CertificationText, 1.2f),
    ];

    /// <summary>Stored text fields a snippet may come from, in order of preference.</summary>
    public static readonly string[] SnippetFields = [Capabilities, Projects, CertificationText];

    /// <summary>Stored text fields that can contain a matched term but are too short to quote as a snippet.</summary>
    public static readonly string[] ShortFields = [Name, CategoryText];

    public static Document ToDocument(Supplier supplier)
    {
        var sizeKey = supplier.SizeClass.ToKey();
        var document = new Document
        {
            new StringField(Id, supplier.Id.ToString("N"), Field.Store.YES),
            new TextField(Name, $"{supplier.Name} {supplier.NameEn}", Field.Store.YES),
            new StoredField(DisplayName, supplier.Name),
            new TextField(Capabilities, supplier.Capabilities, Field.Store.YES),
            new TextField(Projects, string.Join("\n", supplier.PastProjects.Select(p => $"{p.Title}（{p.Client}）{p.Description}")), Field.Store.YES),
            new TextField(CertificationText, string.Join("\n", supplier.Certifications.Select(c => c.Name)), Field.Store.YES),
            new TextField(CategoryText, string.Join("\n", supplier.Categories.Select(Describe)), Field.Store.YES),
            new StringField(SizeClass, sizeKey, Field.Store.YES),
            new SortedDocValuesField(SizeClass, new BytesRef(sizeKey)),
            new StringField(Region, supplier.Region, Field.Store.YES),
            new SortedDocValuesField(Region, new BytesRef(supplier.Region)),
            new SortedDocValuesField(SortName, new BytesRef(supplier.Name)),
            new BinaryDocValuesField(ProjectPoints, new BytesRef(Pack(supplier.PastProjects))),
            new NumericDocValuesField(LargeFirm, supplier.SizeClass == Domain.Suppliers.SizeClass.Large ? 1 : 0),
            new NumericDocValuesField(UpdatedTicks, supplier.UpdatedAtUtc.Ticks),
        };
        foreach (var category in supplier.Categories)
        {
            document.Add(new StringField(Category, category, Field.Store.NO));
            document.Add(new SortedSetDocValuesField(Category, new BytesRef(category)));
        }
        foreach (var certification in supplier.Certifications)
        {
            var value = $"{Certification.NameKey(certification.Name)}|{certification.ValidUntil:yyyyMMdd}|{certification.Name}";
            document.Add(new StringField(CertificationValidity, value, Field.Store.YES));
            document.Add(new SortedSetDocValuesField(CertificationValidity, new BytesRef(value)));
        }
        return document;
    }

    /// <summary>The (key, valid-until, display name) of one certification value.</summary>
    public static (string Key, string ValidUntil, string Name) ParseCertification(string value)
    {
        var parts = value.Split('|', 3);
        return (parts[0], parts[1], parts[2]);
    }

    private static string Describe(string categoryKey) =>
        Categories.All.FirstOrDefault(c => c.Key == categoryKey) is { } c ? $"{c.NameZh} {c.NameEn}" : categoryKey;

    private const int PointSize = sizeof(int) + sizeof(long);

    private static byte[] Pack(IReadOnlyList<PastProject> projects)
    {
        var bytes = new byte[projects.Count * PointSize];
        for (var i = 0; i < projects.Count; i++)
        {
            var span = bytes.AsSpan(i * PointSize, PointSize);
            BinaryPrimitives.WriteInt32LittleEndian(span, projects[i].CompletedOn.DayNumber);
            BinaryPrimitives.WriteInt64LittleEndian(span[sizeof(int)..], (long)(projects[i].ValueYuan * 100));
        }
        return bytes;
    }

    /// <summary>True when one packed project reaches <paramref name="minFen"/> and was completed on or after the day.</summary>
    public static bool AnyProject(BytesRef packed, long minFen, int sinceDayNumber)
    {
        var span = packed.Bytes.AsSpan(packed.Offset, packed.Length);
        for (var i = 0; i + PointSize <= span.Length; i += PointSize)
        {
            if (BinaryPrimitives.ReadInt32LittleEndian(span[i..]) >= sinceDayNumber
                && BinaryPrimitives.ReadInt64LittleEndian(span[(i + sizeof(int))..]) >= minFen)
            {
                return true;
            }
        }
        return false;
    }
}
