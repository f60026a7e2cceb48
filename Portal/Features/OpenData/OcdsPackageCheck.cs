using Portal.Domain;
using System.Text.Json;

namespace Portal.Features.OpenData;

/// <summary>
/// The validation report of a release package about to be imported: is it JSON, is it an OCDS release package, does it
/// pass the official schema, and do its references hold — every problem with the path of the value at fault. Release
/// ids must be unique per ocid, and each ocid's references (buyer, procuring entity, tenderers, award suppliers, bid
/// tenderers → parties; items, awards and bids → lots; contracts → awards) must name something declared for that ocid
/// somewhere in the package.
/// </summary>
public static class OcdsPackageCheck
{
    public static IReadOnlyList<OcdsProblem> Check(string json, OcdsSchema schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [new OcdsProblem("", new Phrase("The file is not valid JSON: {0}", e.Message))];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("releases", out var releases) || releases.ValueKind != JsonValueKind.Array)
            {
                return [new OcdsProblem("", "This is not an OCDS release package: it has no \"releases\" list.")];
            }
            var problems = schema.Validate(json).ToList();
            if (problems.Count == 0)
            {
                problems.AddRange(References(releases));
            }
            return problems;
        }
    }

    private static IEnumerable<OcdsProblem> References(JsonElement releases)
    {
        var list = releases.EnumerateArray().Select((r, i) => (Release: r, Path: $"/releases/{i}", Ocid: r.GetProperty("ocid").GetString()!)).ToList();
        var seen = new Dictionary<(string, string), string>();
        foreach (var (release, path, ocid) in list)
        {
            var id = release.GetProperty("id").GetString()!;
            if (!seen.TryAdd((ocid, id), path))
            {
                yield return new OcdsProblem($"{path}/id", new Phrase("Release '{0}' of {1} appears twice (also at {2}).", id, ocid, seen[(ocid, id)]));
            }
        }
        foreach (var process in list.GroupBy(r => r.Ocid))
        {
            var parties = Declared(process, "parties").ToHashSet();
            var lots = process.SelectMany(r => Ids(Section(r.Release, "tender"), "lots")).ToHashSet();
            var awards = Declared(process, "awards").ToHashSet();
            foreach (var (release, path, _) in process)
            {
                foreach (var (at, party) in PartyReferences(release, path).Where(p => !parties.Contains(p.Id)))
                {
                    yield return new OcdsProblem(at, new Phrase("Party '{0}' is not among the parties of {1}.", party, process.Key));
                }
                foreach (var (at, lot) in LotReferences(release, path).Where(l => !lots.Contains(l.Id)))
                {
                    yield return new OcdsProblem(at, new Phrase("Lot '{0}' is not among the lots of {1}.", lot, process.Key));
                }
                foreach (var (contract, i) in Array(release, "contracts").Select((c, i) => (c, i)))
                {
                    if (Text(contract, "awardID") is { } award && !awards.Contains(award))
                    {
                        yield return new OcdsProblem($"{path}/contracts/{i}/awardID", new Phrase("Award '{0}' is not among the awards of {1}.", award, process.Key));
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Declared(IEnumerable<(JsonElement Release, string Path, string Ocid)> releases, string list) =>
        releases.SelectMany(r => Ids(r.Release, list));

    private static IEnumerable<(string At, string Id)> PartyReferences(JsonElement release, string path)
    {
        if (Section(release, "buyer") is { } buyer && Text(buyer, "id") is { } buyerId)
        {
            yield return ($"{path}/buyer/id", buyerId);
        }
        if (Section(release, "tender") is { } tender)
        {
            if (Section(tender, "procuringEntity") is { } entity && Text(entity, "id") is { } entityId)
            {
                yield return ($"{path}/tender/procuringEntity/id", entityId);
            }
            foreach (var reference in Refs(tender, "tenderers", $"{path}/tender/tenderers"))
            {
                yield return reference;
            }
        }
        foreach (var (award, i) in Array(release, "awards").Select((a, i) => (a, i)))
        {
            foreach (var reference in Refs(award, "suppliers", $"{path}/awards/{i}/suppliers"))
            {
                yield return reference;
            }
        }
        foreach (var (bid, i) in Array(Section(release, "bids"), "details").Select((b, i) => (b, i)))
        {
            foreach (var reference in Refs(bid, "tenderers", $"{path}/bids/details/{i}/tenderers"))
            {
                yield return reference;
            }
        }
    }

    private static IEnumerable<(string At, string Id)> LotReferences(JsonElement release, string path)
    {
        foreach (var (item, i) in Array(Section(release, "tender"), "items").Select((x, i) => (x, i)))
        {
            if (Text(item, "relatedLot") is { } lot)
            {
                yield return ($"{path}/tender/items/{i}/relatedLot", lot);
            }
        }
        foreach (var (owner, list) in new[] { ("awards", Array(release, "awards")), ("bids/details", Array(Section(release, "bids"), "details")) })
        {
            foreach (var (element, i) in list.Select((x, i) => (x, i)))
            {
                foreach (var (lot, j) in Array(element, "relatedLots").Select((l, j) => (l, j)).Where(l => l.l.ValueKind == JsonValueKind.String))
                {
                    yield return ($"{path}/{owner}/{i}/relatedLots/{j}", lot.GetString()!);
                }
            }
        }
    }

    private static IEnumerable<(string At, string Id)> Refs(JsonElement owner, string list, string path) =>
        Array(owner, list).Select((r, i) => (At: $"{path}/{i}/id", Id: Text(r, "id"))).Where(r => r.Id is not null).Select(r => (r.At, r.Id!));

    private static IEnumerable<string> Ids(JsonElement? owner, string list) =>
        Array(owner, list).Select(e => Text(e, "id")).OfType<string>();

    private static JsonElement? Section(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static IEnumerable<JsonElement> Array(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    private static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
