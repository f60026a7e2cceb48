namespace Portal.Domain;

/// <summary>
/// What a person calls an input that a refusal names. Refusals keep the API's field code (<c>lots[0].title</c>) in
/// <see cref="DomainException.Field"/> for the UI and problem details; the sentence itself names the field by its
/// label (<c>"Lot title is required."</c>, zh-CN <c>"标段名称为必填项。"</c>), so no code shows in a reader's text.
/// Labels are English texts and translation keys like every <see cref="Phrase"/>.
/// </summary>
public static class FieldLabels
{
    /// <summary>The label of a field the portal does not know by name (never a code).</summary>
    public const string Unknown = "This field";

    private static readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal)
    {
        ["now"] = "The current time",
        ["uploadedAt"] = "Upload time",
        ["by"] = "Author",
        ["title"] = "Title",
        ["description"] = "Description",
        ["buyer"] = "Buyer",
        ["buyer.name"] = "Buyer",
        ["budgetYuan"] = "Budget",
        ["deadline"] = "Deadline",
        ["notice"] = "Notice",
        ["reason"] = "Reason",
        ["justification"] = "Justification",
        ["note"] = "Conflict of interest note",
        ["name"] = "Name",
        ["nameEn"] = "English name",
        ["industry"] = "Industry",
        ["employees"] = "Employees",
        ["revenueYuan"] = "Annual revenue",
        ["assetsYuan"] = "Total assets (yuan)",
        ["region"] = "Region",
        ["capabilities"] = "Capabilities",
        ["valueYuan"] = "Value",
        ["monthlyFeeYuan"] = "Monthly fee",
        ["annualBudgetYuan"] = "Annual budget",
        ["paymentReference"] = "Payment reference",
        ["recordedBy"] = "Recorded by",
        ["scores.comment"] = "Comment",
        ["criteria.name"] = "Criterion name",
        ["requirements.minValueYuan"] = "Minimum project value",
        ["requirements.name"] = "Certification name",
        ["requirements.text"] = "Requirement text",
        ["certifications.name"] = "Certification name",
        ["pastProjects.title"] = "Project title",
        ["pastProjects.client"] = "Client",
        ["pastProjects.valueYuan"] = "Project value",
        ["pastProjects.description"] = "Project description",
        ["lots.title"] = "Lot title",
        ["lots.description"] = "Lot description",
        ["lots.valueYuan"] = "Lot value",
        ["lots.value.amount"] = "Lot value",
        ["tender.title"] = "Tender title",
        ["tender.description"] = "Tender description",
        ["tender.value.amount"] = "Budget",
        ["tender.tenderPeriod.endDate"] = "Deadline",
        ["ocid"] = "OCID",
        ["date"] = "Publication date",
        ["publisher.name"] = "Publisher",
        ["parties.id"] = "Party identifier",
        ["parties.name"] = "Party name",
        ["parties.address.region"] = "Party region",
    };

    /// <summary>Every field code the portal labels, with its English label.</summary>
    public static IReadOnlyDictionary<string, string> All => _labels;

    /// <summary>
    /// The label of a field code: indexes are left out (<c>lots[2].title</c> is <c>lots.title</c>), and a code not
    /// labelled as a whole is tried without its leading parts (<c>tender.lots.title</c>, then <c>lots.title</c>).
    /// </summary>
    public static Phrase For(string field)
    {
        var path = WithoutIndexes(field);
        while (true)
        {
            if (_labels.TryGetValue(path, out var label))
            {
                return Phrase.Of(label);
            }
            var dot = path.IndexOf('.');
            if (dot < 0)
            {
                return Phrase.Of(Unknown);
            }
            path = path[(dot + 1)..];
        }
    }

    /// <summary>Whether <see cref="For"/> knows the field by a label of its own.</summary>
    public static bool IsLabelled(string field) => For(field).Template != Unknown;

    private static string WithoutIndexes(string field)
    {
        var builder = new System.Text.StringBuilder(field.Length);
        var inIndex = false;
        foreach (var c in field)
        {
            if (c == '[')
            {
                inIndex = true;
            }
            else if (c == ']')
            {
                inIndex = false;
            }
            else if (!inIndex)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
