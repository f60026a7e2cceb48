using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

public static class FileResponses
{
    /// <summary>
    /// Declares in the OpenAPI document that the route answers 200 with a file of this content type (a binary string),
    /// which a file result, unlike <c>Ok&lt;T&gt;</c>, does not declare by itself. Added beside any JSON answer the
    /// route also gives with 200 (the subsidy ledger answers JSON or, with <c>?format=csv</c>, CSV).
    /// </summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            if (!operation.Responses.TryGetValue("200", out var response) || response is not OpenApiResponse ok)
            {
                ok = new OpenApiResponse { Description = "OK" };
                operation.Responses["200"] = ok;
            }
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            return Task.CompletedTask;
        });
}
