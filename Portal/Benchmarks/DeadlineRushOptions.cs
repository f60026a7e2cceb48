using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>The command line of <c>benchmark deadline-rush</c>.</summary>
internal sealed record DeadlineRushOptions(
    int Bidders, double AttachmentMegabytes, string? PostgresConnectionString, int RushSeconds, int UnsealSeconds, string? OutputDirectory, int Seed,
    bool SkipSqlite)
{
    public const string Usage =
        "Usage: benchmark deadline-rush [--bidders N] [--attachment-mb N] [--postgres \"<connection string>\"] [--rush-seconds N]\n"
        + "                               [--unseal-seconds N] [--out DIR] [--seed N] [--skip-sqlite true]\n"
        + "  --bidders         SME accounts that each submit a sealed bid and one sealed PDF (default 500)\n"
        + "  --attachment-mb   size of each PDF in MB (default 1)\n"
        + $"  --postgres        PostgreSQL server for a second run on a fresh database (default: ${BenchmarkOptions.PostgresVariable}; skipped when neither is set)\n"
        + "  --rush-seconds    the bids arrive in the last N seconds before the deadline (default 60)\n"
        + "  --unseal-seconds  the bidders unseal over N seconds once the opening has begun (default 30)\n"
        + "  --out             parent of the portals' data directories, kept afterwards (default: a temporary directory, deleted)\n"
        + "  --seed            random seed of the arrival times and prices (default 42)\n"
        + "  --skip-sqlite     only the PostgreSQL run (default false)";

    public static DeadlineRushOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        var options = new DeadlineRushOptions(500, 1, environment(BenchmarkOptions.PostgresVariable), 60, 30, null, 42, false);
        error = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var (name, value) = (args[i], i + 1 < args.Count ? args[i + 1] : null);
            if (value is null)
            {
                error = $"Option '{name}' needs a value.";
                return null;
            }
            switch (name)
            {
                case "--bidders" when Positive(value) is { } bidders:
                    options = options with { Bidders = bidders };
                    break;
                case "--attachment-mb" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var mb) && mb is > 0 and <= 20:
                    options = options with { AttachmentMegabytes = mb };
                    break;
                case "--rush-seconds" when Positive(value) is { } rush and >= 15:
                    options = options with { RushSeconds = rush };
                    break;
                case "--unseal-seconds" when Positive(value) is { } unseal:
                    options = options with { UnsealSeconds = unseal };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--postgres":
                    options = options with { PostgresConnectionString = string.IsNullOrWhiteSpace(value) ? null : value };
                    break;
                case "--out":
                    options = options with { OutputDirectory = value };
                    break;
                case "--skip-sqlite" when bool.TryParse(value, out var skip):
                    options = options with { SkipSqlite = skip };
                    break;
                case "--bidders" or "--attachment-mb" or "--rush-seconds" or "--unseal-seconds" or "--seed" or "--skip-sqlite":
                    error = $"Option '{name}' has an impossible value '{value}' (--attachment-mb 0–20, --rush-seconds at least 15).";
                    return null;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }
        }
        return options;
    }

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}
