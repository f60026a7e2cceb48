using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// What the SQL engines store as text: each searched field as the space-separated tokens that
/// <see cref="PortalAnalyzer"/> gives the Lucene index (CJK bigrams, stems), and needs as the same terms
/// <see cref="SupplierIndex.Search"/> looks for, so that every engine matches exactly the same terms. The text of each
/// field is taken from the very Lucene document the index stores.
/// </summary>
internal static class IndexTokens
{
    /// <summary>The searched fields and their Lucene boosts, in the order of <see cref="Fields(Supplier, PortalAnalyzer)"/>.</summary>
    public static IReadOnlyList<(string Field, float Boost)> SearchFields => SupplierDocuments.SearchFields;

    /// <summary>The tokens of each searched field of the supplier, in the order of <see cref="SearchFields"/>.</summary>
    public static string[] Fields(Supplier supplier, PortalAnalyzer analyzer)
    {
        var document = SupplierDocuments.ToDocument(supplier);
        return [.. SearchFields.Select(f => Tokens(analyzer, f.Field, document.Get(f.Field) ?? ""))];
    }

    /// <summary>The distinct terms of a need, as <see cref="SupplierIndex.Search"/> queries them, in stored form.</summary>
    public static IReadOnlyList<string> Query(PortalAnalyzer analyzer, string text) =>
        [.. analyzer.Terms(SupplierDocuments.Capabilities, text, SupplierIndex.MaxQueryTerms).Select(Encode)];

    /// <summary>Every token of the text in order, repeats included (term frequency counts), separated by spaces.</summary>
    private static string Tokens(PortalAnalyzer analyzer, string field, string text)
    {
        var tokens = new StringBuilder(text.Length * 2);
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Append(tokens.Length == 0 ? "" : " ").Append(Encode(term.ToString()));
        }
        stream.End();
        return tokens.ToString();
    }

    /// <summary>
    /// A term as one word for both FTS5's unicode61 tokenizer and PostgreSQL's parser: letters and digits stay, any other
    /// character (the '.' of "1.2", the ',' of "2,000", the ':' UAX#29 keeps inside words) becomes ǂ and four hex digits.
    /// ǂ itself is escaped too, so distinct terms stay distinct.
    /// </summary>
    private static string Encode(string term)
    {
        if (term.All(c => char.IsLetterOrDigit(c) && c != Escape))
        {
            return term;
        }
        var encoded = new StringBuilder(term.Length + 8);
        foreach (var c in term)
        {
            if (char.IsLetterOrDigit(c) && c != Escape)
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append(Escape).Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    private const char Escape = 'ǂ';
}
