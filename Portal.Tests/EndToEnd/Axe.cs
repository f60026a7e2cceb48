using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// axe-core (pinned in Portal.Tests/package.json; ./test.sh runs <c>npm ci</c>) injected into a page, the way the
/// accessibility tests judge it.
/// </summary>
public static class Axe
{
    /// <summary>One rule broken on the page: the rule, its impact and the first elements that break it.</summary>
    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes)
    {
        public override string ToString() => $"{Impact} {Id}: {Help}\n      " + string.Join("\n      ", Nodes);
    }

    private static readonly Lazy<string> _script = new(() => File.ReadAllText(ScriptPath()));

    /// <summary>axe.min.js in Portal.Tests/node_modules, found upwards from the test assembly.</summary>
    private static string ScriptPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("axe-core is not installed: run `npm ci` in Portal.Tests (./test.sh does).");
    }

    /// <summary>The serious and critical violations of the page as it is now (WCAG 2.1 A and AA rules and best practices).</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(_script.Value);
        }
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const results = await axe.run(document, { resultTypes: ['violations'] });
                return results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
                    }));
            }
            """);
        return result.EnumerateArray()
            .Select(v => new Violation(v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
                v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToList()))
            .ToList();
    }

    /// <summary>Fails with every serious or critical violation listed.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{name} ({page.Url}) has {violations.Count} serious or critical accessibility violations:\n  "
            + string.Join("\n  ", violations));
    }
}
