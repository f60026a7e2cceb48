using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Portal.Tests.Domain;

/// <summary>
/// The pages show a <c>DomainException</c> as <c>L[ex.Message]</c>, so every constant message the domain and the
/// feature services throw needs an entry in SharedResource.zh-CN.resx, or a Chinese user reads English. Messages
/// built at run time (<c>$"..."</c>, <c>"..." + x</c>) cannot be looked up by key and are not checked here.
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

    // One token of C# source, from where the previous one ended (\G). String literals come first so that quotes,
    // commas and brackets inside them are not read as code. Only the constant ones (raw, verbatim, regular) are
    // captured; an interpolated one is skipped whole, its holes allowing one level of nested braces, as in
    // $"There {(n == 1 ? "is 1 page" : $"are {n} pages")}".
    [GeneratedRegex("""
        \G(?:
            \$+(?<q>"{3,})[\s\S]*?\k<q>
          | \$+"(?:[^"\\{\r\n]|\\.|\{\{|\{(?:[^{}]|\{[^{}]*\})*\})*"
          | (?:\$+@|@\$+)"(?:[^"{]|""|\{\{|\{(?:[^{}]|\{[^{}]*\})*\})*"
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
}
