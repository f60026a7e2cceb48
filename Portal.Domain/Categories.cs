namespace Portal.Domain;

/// <summary>A kind of smart-city system the city buys; suppliers and tenders are tagged with these keys.</summary>
public sealed record Category(string Key, string NameZh, string NameEn);

public static class Categories
{
    public static IReadOnlyList<Category> All { get; } =
    [
        new("smart-waste", "智能垃圾分类", "Smart waste sorting"),
        new("accessibility", "无障碍设施与辅具", "Accessibility devices"),
        new("elderly-care", "智慧养老与老人监护", "Elderly care and monitoring"),
        new("smart-parking", "智慧停车", "Smart parking"),
        new("urban-management", "城市管理", "Urban management"),
        new("agri-sensors", "农业物联网传感", "Agricultural sensors"),
        new("traffic-signals", "交通信号控制", "Traffic signal control"),
        new("water-supply", "智慧水务", "Water supply"),
        new("cybersecurity", "网络安全与等保", "Cybersecurity and MLPS"),
        new("gis-3d", "GIS 与三维城市模型", "GIS and 3D city models"),
        new("community-apps", "社区服务应用", "Community service apps"),
        new("iot-platform", "物联网平台", "IoT platforms"),
        new("data-platform", "数据中台", "Data platforms"),
        new("video-analytics", "视频智能分析", "Video analytics"),
    ];

    public static bool IsKnown(string? key) => All.Any(c => c.Key == key);

    public static string Require(string? key, string field)
    {
        var trimmed = key?.Trim() ?? "";
        return IsKnown(trimmed)
            ? trimmed
            : throw new DomainException(new Phrase("Unknown category '{0}'. Choose one of: {1}.", key ?? "", string.Join(", ", All.Select(c => c.Key))), field);
    }
}
