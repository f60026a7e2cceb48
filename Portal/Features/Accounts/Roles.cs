namespace Portal.Features.Accounts;

/// <summary>The five roles of the portal; a user may hold several.</summary>
public static class Roles
{
    public const string Sme = "Sme";
    public const string Officer = "Officer";
    public const string Evaluator = "Evaluator";
    public const string Official = "Official";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Sme, Officer, Evaluator, Official, Admin];
}
