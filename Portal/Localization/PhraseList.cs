using Portal.Domain;

namespace Portal.Localization;

/// <summary>Several phrases said as one: "a; b; c" in English, "a；b；c" in Chinese.</summary>
public static class PhraseList
{
    /// <summary>The separator's template (and translation key): two items joined.</summary>
    public const string Pair = "{0}; {1}";

    public static Phrase Join(IEnumerable<Phrase> items)
    {
        Phrase? joined = null;
        foreach (var item in items)
        {
            joined = joined is null ? item : new Phrase(Pair, joined, item);
        }
        return joined ?? new Phrase("{0}", "");
    }
}
