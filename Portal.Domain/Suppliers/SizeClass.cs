namespace Portal.Domain.Suppliers;

/// <summary>Enterprise size under 中小企业划型标准规定 (工信部联企业〔2011〕300号).</summary>
public enum SizeClass
{
    Micro,
    Small,
    Medium,
    Large,
}

public static class SizeClassExtensions
{
    /// <summary>Micro, small and medium enterprises (中小微企业) — the firms SME-reserved lots accept.</summary>
    public static bool IsSme(this SizeClass sizeClass) => sizeClass != SizeClass.Large;

    /// <summary>Small and micro enterprises (小微企业), who get the price deduction of 财库〔2020〕46号 Art. 9.</summary>
    public static bool IsSmallOrMicro(this SizeClass sizeClass) => sizeClass is SizeClass.Small or SizeClass.Micro;

    /// <summary>The lower-case name used in the API and the search index: micro, small, medium, large.</summary>
    public static string ToKey(this SizeClass sizeClass) => sizeClass.ToString().ToLowerInvariant();

    public static bool TryParseKey(string? key, out SizeClass sizeClass) =>
        Enum.TryParse(key, ignoreCase: true, out sizeClass) && Enum.IsDefined(sizeClass)
        && !int.TryParse(key, out _);
}
