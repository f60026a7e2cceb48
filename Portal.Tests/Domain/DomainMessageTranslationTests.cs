using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Domain;
using Portal.Domain.Effectiveness;
using Portal.Domain.Suppliers;
using Portal.Localization;

namespace Portal.Tests.Domain;

/// <summary>
/// What the rules say reaches a reader as a <see cref="Phrase"/> (or a constant <c>DomainException</c> message), looked
/// up by its English text in SharedResource.zh-CN.resx: every constant template needs an entry whose placeholders are
/// the template's, or a Chinese user reads English; and no refusal may be composed in English at run time
/// (<c>$"..."</c>), since such a sentence has no key at all.
/// </summary>
public sealed partial class DomainMessageTranslationTests
{
    [Fact]
    public void EveryConstantDomainMessageHasAChineseTranslation()
    {
        var root = RepositoryRoot();
        var translated = ResourceKeys(Path.Combine(root, "Portal", "Resources", "SharedResource.zh-CN.resx"));
        var missing = SourceFiles(Path.Combine(root, "Portal.Domain"))
            .Concat(SourceFiles(Path.Combine(root, "Portal", "Features")))
            .SelectMany(file => ConstantMessages(File.ReadAllText(file))
                .Select(message => (File: Path.GetRelativePath(root, file), Message: message)))
            .Where(found => !translated.Contains(found.Message))
            .Select(found => $"{found.File}: {found.Message}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} DomainException messages have no key in SharedResource.zh-CN.resx:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void EveryConstantPhraseTemplateHasAChineseTranslation()
    {
        var root = RepositoryRoot();
        var translated = ResourceKeys(Path.Combine(root, "Portal", "Resources", "SharedResource.zh-CN.resx"));
        var templates = SourceFiles(Path.Combine(root, "Portal.Domain"))
            .Concat(SourceFiles(Path.Combine(root, "Portal", "Features")))
            .SelectMany(file => PhraseTemplates(File.ReadAllText(file)).Select(template => (File: Path.GetRelativePath(root, file), Template: template)))
            .ToList();
        var missing = templates
            .Where(found => !translated.Contains(found.Template))
            .Select(found => $"{found.File}: {found.Template}")
            .Distinct()
            .ToList();

        Assert.True(templates.Count > 100, $"Only {templates.Count} phrase templates were found: the scan no longer reads the sources.");
        Assert.True(missing.Count == 0,
            $"{missing.Count} phrase templates have no key in SharedResource.zh-CN.resx:\n{string.Join("\n", missing)}");
    }

    /// <summary>The words the domain puts into its sentences at run time: field labels, KPI, size, state and industry names.</summary>
    [Fact]
    public void EveryWordTheDomainInsertsHasAChineseTranslation()
    {
        var root = RepositoryRoot();
        var translated = ResourceKeys(Path.Combine(root, "Portal", "Resources", "SharedResource.zh-CN.resx"));
        var words = FieldLabels.All.Values.Append(FieldLabels.Unknown)
            .Concat(Kpis.All.Select(k => Kpis.Name(k).Template))
            .Concat(SizeThresholdTable.Official.Industries.Select(i => i.Name.Template))
            .Concat(["micro-sized", "small-sized", "medium-sized", "1 day", "{0} days", "1 hour", "{0} hours", "1 minute", "{0} minutes",
                "{0} MB", "{0} KB", "{0} bytes", "1 byte", "{0} and {1}", "{0}",
                "This grant is approved: it can no longer be approved.", "This grant is approved: it can no longer be rejected.",
                "This grant is disbursed: it can no longer be approved.", "This grant is disbursed: it can no longer be rejected.",
                "This grant is rejected: it can no longer be approved.", "This grant is rejected: it can no longer be rejected."])
            .Distinct()
            .Where(word => !translated.Contains(word))
            .ToList();

        Assert.True(words.Count == 0, $"No zh-CN entry for: {string.Join(" | ", words)}");
    }

    /// <summary>A refusal names a field by its label, never by its code: every field the domain guards has one.</summary>
    [Fact]
    public void EveryGuardedFieldHasALabel()
    {
        var root = RepositoryRoot();
        var unlabelled = SourceFiles(Path.Combine(root, "Portal.Domain"))
            .SelectMany(file => GuardedField().Matches(File.ReadAllText(file)).Select(m => m.Groups["field"].Value))
            .Concat(["lots[3].title", "tender.lots[0].value.amount", "tender.lots[1].description"])
            .Distinct()
            .Where(field => !FieldLabels.IsLabelled(field))
            .ToList();

        Assert.True(unlabelled.Count == 0, $"Fields without a label: {string.Join(", ", unlabelled)}");
        Assert.Equal("Lot title is required.", new Phrase("{0} is required.", FieldLabels.For("lots[2].title")).ToString());
        Assert.Equal("标段名称为必填项。", Chinese(new Phrase("{0} is required.", FieldLabels.For("tender.lots[0].title"))));
    }

    [Fact]
    public void EveryChineseEntryHasExactlyThePlaceholdersOfItsKey()
    {
        var root = RepositoryRoot();
        var wrong = XDocument.Load(Path.Combine(root, "Portal", "Resources", "SharedResource.zh-CN.resx")).Root!.Elements("data")
            .Select(data => (Key: (string)data.Attribute("name")!, Value: (string?)data.Element("value") ?? ""))
            // MudBlazor's own keys (MudDataGridPager_InfoFormat) are names, not templates: their values keep MudBlazor's placeholders.
            .Where(entry => !MudBlazorKey().IsMatch(entry.Key))
            .Where(entry => !Placeholders(entry.Key).SetEquals(Placeholders(entry.Value)))
            .Select(entry => $"{entry.Key} => {entry.Value}")
            .ToList();

        Assert.True(wrong.Count == 0, $"{wrong.Count} entries whose placeholders differ from their key's:\n{string.Join("\n", wrong)}");
    }

    /// <summary>Keys that differ only in case collapse into one when the resources are built: the other is never found.</summary>
    [Fact]
    public void NoTwoKeysDifferOnlyInCase()
    {
        var root = RepositoryRoot();
        var collisions = ResourceKeys(Path.Combine(root, "Portal", "Resources", "SharedResource.zh-CN.resx"))
            .GroupBy(key => key, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => string.Join(" / ", group))
            .ToList();

        Assert.True(collisions.Count == 0, $"Keys differing only in case: {string.Join("; ", collisions)}");
    }

    [Fact]
    public void NoRefusalOrPhraseOfTheDomainIsComposedInEnglishAtRunTime()
    {
        var root = RepositoryRoot();
        var composed = SourceFiles(Path.Combine(root, "Portal.Domain"))
            .SelectMany(file => ComposedMessages(File.ReadAllText(file)).Select(line => $"{Path.GetRelativePath(root, file)}: {line}"))
            .ToList();

        Assert.True(composed.Count == 0, $"Interpolated messages (use a Phrase with arguments):\n{string.Join("\n", composed)}");
    }

    [Fact]
    public void NoRefusalOrPhraseOfThePortalIsComposedInEnglishAtRunTime()
    {
        var root = RepositoryRoot();
        var composed = SourceFiles(Path.Combine(root, "Portal"))
            .SelectMany(file => ComposedMessages(File.ReadAllText(file)).Select(line => $"{Path.GetRelativePath(root, file)}: {line}"))
            .ToList();

        Assert.True(composed.Count == 0, $"Interpolated messages (use a Phrase with arguments):\n{string.Join("\n", composed)}");
    }

    [Fact]
    public void FindsTheTemplatesOfPhrasesAndTheMessagesComposedAtRunTime()
    {
        const string source = """
            var a = new Phrase("{0} expired on {1}.", name, day);
            var b = Phrase.Of(open ? "Open." : "Closed.");
            var c = new Phrase(template, x);
            throw new DomainException($"The {key} value cannot be negative.", "value");
            throw DomainException.Conflict(done
                ? "Constant."
                : $"Built {x}.");
            throw new DomainException(new Phrase("Fine {0}.", x), "field");
            var d = new Phrase($"Not a template {x}.");
            throw DomainException.Forbidden("Joined: " + reasons);
            """;

        Assert.Equal(["{0} expired on {1}.", "Open.", "Closed.", "Fine {0}."], PhraseTemplates(source));
        Assert.Equal(4, ComposedMessages(source).Count);
    }

    [Fact]
    public void FindsTheConstantMessagesOfACallButNotThoseBuiltAtRunTime()
    {
        const string source = """
            throw new DomainException("Say \"yes\".", "field");
            throw DomainException.Conflict(open
                ? @"A ""verbatim"" one."
                : $"Built {(at ? "at" : $"{not} at")} run time.");
            throw DomainException.Forbidden(L["Already localized."]);
            throw new DomainException("Joined " + Keys + ".", "targets");
            throw new DomainException(Check(x, "not a message"), "field");
            """;

        Assert.Equal(["Say \"yes\".", "A \"verbatim\" one."], ConstantMessages(source));
    }

    /// <summary>The constant string literals that make up the first argument of each DomainException call.</summary>
    private static List<string> ConstantMessages(string source) =>
        DomainExceptionCall().Matches(source)
            .SelectMany(call => FirstArgumentConstants(source, call.Index + call.Length))
            .ToList();

    /// <summary>The constant templates given to <c>new Phrase(…)</c> and <c>Phrase.Of(…)</c>.</summary>
    private static List<string> PhraseTemplates(string source) =>
        PhraseCall().Matches(source)
            .SelectMany(call => FirstArgumentConstants(source, call.Index + call.Length))
            .ToList();

    /// <summary>The calls of DomainException, new Phrase or Phrase.Of whose message or template is an interpolated or joined string.</summary>
    private static List<string> ComposedMessages(string source) =>
        DomainExceptionCall().Matches(source).Concat(PhraseCall().Matches(source))
            .Where(call => FirstArgumentIsInterpolated(source, call.Index + call.Length))
            .Select(call => source[call.Index..Math.Min(source.Length, call.Index + 120)].Split('\n')[0].Trim())
            .ToList();

    private static bool FirstArgumentIsInterpolated(string source, int start)
    {
        var depth = 0;
        for (var token = ArgumentToken().Match(source, start); token.Success; token = token.NextMatch())
        {
            if (token.Groups["open"].Success)
            {
                depth++;
            }
            else if (token.Groups["close"].Success && depth > 0)
            {
                depth--;
            }
            else if (token.Groups["close"].Success || token.Groups["comma"].Success && depth == 0)
            {
                return false;
            }
            else if ((token.Groups["interpolated"].Success || token.Groups["plus"].Success) && depth == 0)
            {
                // An interpolated string, or pieces joined with +: a sentence composed in English at run time.
                return true;
            }
        }
        return false;
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", "").Replace("}}", "")).Select(m => m.Groups["index"].Value).ToHashSet();

    private static string Chinese(Phrase phrase) => PortalText.Render(phrase, CultureInfo.GetCultureInfo("zh-CN"));

    /// <summary>
    /// Reads the argument token by token up to the first comma or closing parenthesis at its own level, and keeps
    /// its top-level constant literals: one message, or one for each branch of a <c>?:</c>. Literals inside brackets are
    /// arguments of something else (<c>L["..."]</c>, a condition); a <c>+</c> means the message is joined at run time.
    /// </summary>
    private static List<string> FirstArgumentConstants(string source, int start)
    {
        var literals = new List<string>();
        var depth = 0;
        for (var token = ArgumentToken().Match(source, start); token.Success; token = token.NextMatch())
        {
            if (token.Groups["open"].Success)
            {
                depth++;
            }
            else if (token.Groups["close"].Success && depth > 0)
            {
                depth--;
            }
            else if (token.Groups["close"].Success || token.Groups["comma"].Success && depth == 0)
            {
                break;
            }
            else if (token.Groups["plus"].Success && depth == 0)
            {
                return [];
            }
            else if (token.Groups["constant"].Success && depth == 0)
            {
                literals.Add(LiteralValue(token));
            }
        }
        return literals;
    }

    private static string LiteralValue(Match literal)
    {
        if (literal.Groups["regular"].Success)
        {
            // The escapes messages use (\" \\ \n \uXXXX) read the same in C# and in Regex.Unescape.
            return Regex.Unescape(literal.Groups["regular"].Value);
        }
        if (literal.Groups["verbatim"].Success)
        {
            return literal.Groups["verbatim"].Value.Replace("\"\"", "\"");
        }
        // A raw string on several lines drops its first and last line break and the closing line's indentation.
        var raw = literal.Groups["raw"].Value;
        var lastBreak = raw.LastIndexOf('\n');
        if (lastBreak < 0)
        {
            return raw;
        }
        var indentation = raw[(lastBreak + 1)..];
        return string.Join("\n", raw[..lastBreak].TrimEnd('\r').Split('\n').Skip(1)
            .Select(line => line.TrimEnd('\r'))
            .Select(line => line.StartsWith(indentation, StringComparison.Ordinal) ? line[indentation.Length..] : line));
    }

    private static HashSet<string> ResourceKeys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data")
            .Select(data => (string)data.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj"));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Procurement.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds Procurement.sln: the test reads the sources of the repository.");
    }

    [GeneratedRegex(@"\bDomainException(?:\.\w+)?\(")]
    private static partial Regex DomainExceptionCall();

    [GeneratedRegex(@"\bnew\s+Phrase\(|\bPhrase\.Of\(")]
    private static partial Regex PhraseCall();

    [GeneratedRegex(@"\{(?<index>\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A field code given to a Guard check as a literal: <c>Guard.Text(name, "criteria.name", …)</c>.</summary>
    [GeneratedRegex(@"\bGuard\.\w+\([^;""]*?,\s*""(?<field>[^""]+)""")]
    private static partial Regex GuardedField();

    // One token of C# source, from where the previous one ended (\G). String literals come first so that quotes,
    // commas and brackets inside them are not read as code. Only the constant ones (raw, verbatim, regular) are
    // captured; an interpolated one is skipped whole, its holes allowing one level of nested braces, as in
    // $"There {(n == 1 ? "is 1 page" : $"are {n} pages")}".
    [GeneratedRegex("""
        \G(?:
            (?<interpolated>
                \$+(?<q>"{3,})[\s\S]*?\k<q>
              | \$+"(?:[^"\\{\r\n]|\\.|\{\{|\{(?:[^{}]|\{[^{}]*\})*\})*"
              | (?:\$+@|@\$+)"(?:[^"{]|""|\{\{|\{(?:[^{}]|\{[^{}]*\})*\})*"
            )
          | (?<constant>
                (?<q>"{3,})(?<raw>[\s\S]*?)\k<q>
              | @"(?<verbatim>(?:[^"]|"")*)"
              | "(?<regular>(?:[^"\\\r\n]|\\.)*)"
            )
          | '(?:[^'\\\r\n]|\\.)+'
          | //[^\n]* | /\*[\s\S]*?\*/
          | (?<open>[(\[{]) | (?<close>[)\]}]) | (?<comma>,) | (?<plus>\+)
          | [^"'$@/()\[\]{},+]+ | .
        )
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ArgumentToken();

    [GeneratedRegex(@"^[A-Z][A-Za-z]*_[A-Za-z_]+$")]
    private static partial Regex MudBlazorKey();
}
