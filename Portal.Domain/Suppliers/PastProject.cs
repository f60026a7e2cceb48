namespace Portal.Domain.Suppliers;

/// <summary>A project the supplier completed: the track record that qualification requirements look at.</summary>
public sealed class PastProject
{
    public const int TitleMaxLength = 200;
    public const int ClientMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    public PastProject(string title, string client, decimal valueYuan, DateOnly completedOn, string? description)
    {
        Title = Guard.Text(title, "pastProjects.title", TitleMaxLength);
        Client = Guard.Text(client, "pastProjects.client", ClientMaxLength);
        ValueYuan = Guard.Money(valueYuan, "pastProjects.valueYuan", allowZero: false);
        CompletedOn = completedOn;
        Description = Guard.Text(description, "pastProjects.description", DescriptionMaxLength, required: false);
    }

    public string Title { get; private set; }
    public string Client { get; private set; }
    public decimal ValueYuan { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    public string Description { get; private set; }
}
