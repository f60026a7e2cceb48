namespace Portal.Benchmarks;

internal static class RandomExtensions
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>True with the given probability.</summary>
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;
}
