namespace Portal.Domain.Suppliers;

/// <summary>A certification or qualification the supplier holds (e.g. ISO 27001, CMMI 3, 等保三级), valid until a date.</summary>
public sealed class Certification
{
    public const int NameMaxLength = 100;

    public Certification(string name, DateOnly validUntil)
    {
        Name = Guard.Text(name, "certifications.name", NameMaxLength);
        ValidUntil = validUntil;
    }

    public string Name { get; private set; }
    public DateOnly ValidUntil { get; private set; }

    public bool IsValidOn(DateOnly day) => ValidUntil >= day;

    /// <summary>Certification names compare without case, spaces or hyphens ("ISO 27001" = "iso27001").</summary>
    public bool Matches(string name) => NameKey(Name) == NameKey(name);

    /// <summary>The form in which certification names compare: no case, spaces, hyphens or underscores.</summary>
    public static string NameKey(string name) =>
        new(name.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '_').Select(char.ToUpperInvariant).ToArray());
}
