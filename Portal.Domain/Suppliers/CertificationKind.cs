namespace Portal.Domain.Suppliers;

/// <summary>
/// One kind of certification or qualification in the catalogue (<see cref="CertificationCatalogue"/>): a stable
/// <see cref="Key"/> that profiles and requirements store, its names as the certificates write them in Chinese and
/// English, and the other ways people write it (<see cref="Aliases"/>). A kind that is one grade of a graded scheme
/// (CMMI, ITSS, CS, 等保, CCRC, …) names its <see cref="Scale"/> and its <see cref="Rank"/> on it: a certificate of a
/// higher rank on the same scale satisfies a requirement of a lower one (decision 0023).
/// </summary>
public sealed record CertificationKind
{
    /// <summary>The key of a certification that is not in the catalogue; its text is kept and compared as written.</summary>
    public const string OtherKey = "other";

    public CertificationKind(string key, string nameZh, string nameEn, IReadOnlyList<string> aliases, string? scale = null, int rank = 0)
    {
        Key = key;
        NameZh = nameZh;
        NameEn = nameEn;
        Aliases = aliases;
        Scale = scale;
        Rank = rank;
    }

    /// <summary>Stable, lowercase, ASCII (<c>mlps-3</c>, <c>iso-27001</c>, <c>cmmi-5</c>).</summary>
    public string Key { get; }

    public string NameZh { get; }

    /// <summary>The English name; it is also the translation key under which <see cref="NameZh"/> is found.</summary>
    public string NameEn { get; }

    /// <summary>Other spellings that name this kind; compared after <see cref="CertificationCatalogue.Normalize"/>.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The graded scheme this kind is one grade of, or null when it stands alone (ISO 9001, 高新技术企业).</summary>
    public string? Scale { get; }

    /// <summary>Higher is stronger on <see cref="Scale"/>: CMMI 5 &gt; CMMI 3; ITSS 一级 &gt; ITSS 三级; CS4 &gt; CS2.</summary>
    public int Rank { get; }

    /// <summary>The names and aliases, each once.</summary>
    public IEnumerable<string> AllNames => new[] { NameZh, NameEn }.Concat(Aliases).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// True when a certificate of this kind meets a requirement of <paramref name="required"/>: the same kind, or a
    /// higher grade of the same scale.
    /// </summary>
    public bool Satisfies(CertificationKind required) =>
        Key == required.Key || (Scale is not null && Scale == required.Scale && Rank > required.Rank);

    /// <summary>The name in Chinese or English.</summary>
    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    /// <summary>The name as a phrase: English as written, Chinese through its translation (the resource of <see cref="NameEn"/>).</summary>
    public Phrase NamePhrase => Phrase.Of(NameEn);
}
