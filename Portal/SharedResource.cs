namespace Portal;

/// <summary>Marker for the UI texts in <c>Resources/SharedResource.*.resx</c>; English text is the key.</summary>
public sealed class SharedResource;
