namespace Portal.Tests.Infrastructure;

/// <summary>The demo accounts of DESIGN.md, as the README lists them.</summary>
public static class DemoAccounts
{
    public static readonly (string Email, string Role)[] All =
    [
        ("admin@demo.local", "Admin"),
        ("officer@demo.local", "Officer"),
        ("evaluator@demo.local", "Evaluator"),
        ("evaluator2@demo.local", "Evaluator"),
        ("official@demo.local", "Official"),
        ("sme@demo.local", "Sme"),
        ("large@demo.local", "Sme"),
    ];

    public static TheoryData<string, string> Theory()
    {
        var data = new TheoryData<string, string>();
        foreach (var (email, role) in All)
        {
            data.Add(email, role);
        }
        return data;
    }
}
