using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>
/// Declares in the OpenAPI document what no .NET type or bound parameter describes: files (a binary string of a content
/// type), JSON whose shape is a standard's rather than a class's (an OCDS release package), and query parameters a route
/// reads from the raw query string (to answer every bad one in a single 400). A file result, a streamed body or
/// <c>request.Query</c>, unlike <c>Ok&lt;T&gt;</c> or a bound parameter, declares nothing by itself.
/// </summary>
public static class DeclaredContent
{
    /// <summary>200 with a file of this content type, beside any JSON answer the route also gives with 200.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.ProducesContent(contentType, Binary());

    /// <summary>A request body that is a file of this content type, read from the request stream.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.AcceptsContent(contentType, Binary());

    public static RouteHandlerBuilder ProducesContent(this RouteHandlerBuilder builder, string contentType, OpenApiSchema schema) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            if (!operation.Responses.TryGetValue("200", out var response) || response is not OpenApiResponse ok)
            {
                ok = new OpenApiResponse { Description = "OK" };
                operation.Responses["200"] = ok;
            }
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[contentType] = new OpenApiMediaType { Schema = schema };
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder AcceptsContent(this RouteHandlerBuilder builder, string contentType, OpenApiSchema schema) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
            return Task.CompletedTask;
        });

    /// <summary>Optional query parameters, each with its JSON type and what it does.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params QueryParameter[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Description = parameter.Description,
                    Schema = new OpenApiSchema { Type = parameter.Type, Format = parameter.Format },
                });
            }
            return Task.CompletedTask;
        });

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };
}

/// <summary>A query parameter as the OpenAPI document shows it.</summary>
public sealed record QueryParameter(string Name, JsonSchemaType Type, string Description, string? Format = null);
