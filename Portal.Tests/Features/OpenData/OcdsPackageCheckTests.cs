using System.Text.Json.Nodes;
using Portal.Features.OpenData;
using static Portal.Tests.Features.OpenData.OcdsPackages;

namespace Portal.Tests.Features.OpenData;

/// <summary>
/// The validation report an import starts from: the standard's fictional examples pass, and every kind of bad input is
/// reported with the path at fault (not JSON, not OCDS, schema errors, duplicate ids, dangling references).
/// </summary>
public sealed class OcdsPackageCheckTests
{
    private static IEnumerable<string> ExampleNames => Directory.GetFiles(Path.Combine(Folder, "examples"), "*.json").Select(Path.GetFileName).OfType<string>().Order();

    public static TheoryData<string> Examples() => new(ExampleNames);

    private static string Example(string name) => File.ReadAllText(Path.Combine(Folder, "examples", name));

    private static async Task<IReadOnlyList<OcdsProblem>> CheckAsync(string json) => OcdsPackageCheck.Check(json, await SchemaAsync());

    /// <summary>The award example, changed by <paramref name="change"/>.</summary>
    private static string Award(Action<JsonObject> change)
    {
        var package = JsonNode.Parse(Example("ocds-213czf-000-00001-04-award.json"))!.AsObject();
        change(package);
        return package.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task EachFictionalExampleOfTheStandardPassesWithNoProblem(string example)
    {
        Assert.Empty(await CheckAsync(Example(example)));
    }

    [Fact]
    public async Task AllExamplesInOnePackagePassWithNoProblem()
    {
        var releases = ExampleNames.Select(e => JsonNode.Parse(Example(e))!["releases"]!.AsArray().Select(r => r!.DeepClone())).SelectMany(r => r);
        var package = JsonNode.Parse(Example("ocds-213czf-000-00001-02-tender.json"))!.AsObject();
        package["releases"] = new JsonArray(releases.ToArray());

        Assert.Empty(await CheckAsync(package.ToJsonString()));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"releases\": [")]
    public async Task AFileThatIsNotJsonIsOneProblemSayingSo(string text)
    {
        var problem = Assert.Single(await CheckAsync(text));

        Assert.StartsWith("The file is not valid JSON", problem.Message);
    }

    [Theory]
    [InlineData("{\"name\": \"a supplier list\"}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"releases\": \"none\"}")]
    public async Task JsonThatIsNotAReleasePackageIsOneProblemSayingSo(string text)
    {
        var problem = Assert.Single(await CheckAsync(text));

        Assert.Contains("not an OCDS release package", problem.Message);
    }

    [Fact]
    public async Task SchemaErrorsAreEachListedWithTheirPath()
    {
        var package = Award(p =>
        {
            p["releases"]![0]!.AsObject().Remove("ocid");
            p["releases"]![0]!["date"] = "last Tuesday";
        });

        var problems = await CheckAsync(package);

        Assert.Contains(problems, p => p.Path == "/releases/0/ocid" && p.Message.Contains("'ocid'"));
        Assert.Contains(problems, p => p.Path == "/releases/0/date" && p.Message.Contains("date-time"));
    }

    [Fact]
    public async Task ADuplicateReleaseIdIsReported()
    {
        var package = Award(p =>
        {
            var copy = p["releases"]![0]!.DeepClone();
            copy["date"] = "2010-05-11T09:30:00Z";
            p["releases"]!.AsArray().Add(copy);
        });

        var problem = Assert.Single(await CheckAsync(package));

        Assert.Equal("/releases/1/id", problem.Path);
        Assert.Contains("appears twice", problem.Message);
    }

    [Fact]
    public async Task DanglingReferencesToPartiesLotsAndAwardsAreEachReported()
    {
        var package = Award(p =>
        {
            var release = p["releases"]![0]!;
            release["awards"]![0]!["suppliers"]![0]!["id"] = "GB-COH-99999999";
            release["awards"]![0]!["relatedLots"] = new JsonArray("lot-9");
            release["contracts"] = new JsonArray(new JsonObject { ["id"] = "c-1", ["awardID"] = "award-that-never-was" });
        });

        var problems = await CheckAsync(package);

        Assert.Contains(problems, p => p.Path == "/releases/0/awards/0/suppliers/0/id" && p.Message.Contains("GB-COH-99999999"));
        Assert.Contains(problems, p => p.Path == "/releases/0/awards/0/relatedLots/0" && p.Message.Contains("lot-9"));
        Assert.Contains(problems, p => p.Path == "/releases/0/contracts/0/awardID" && p.Message.Contains("award-that-never-was"));
        Assert.Equal(3, problems.Count);
    }
}
