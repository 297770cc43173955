using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Sept.Functions.Assistant;

/// <summary>The configured provider as one <see cref="IChatClient"/> (built once): an OpenAI-compatible endpoint with
/// an optional key, or Azure OpenAI's v1 API with a bearer token of the app's identity. Null when off.</summary>
public sealed class AssistantChatClients(IOptions<AssistantOptions> options) : IDisposable
{
    private const string AzureScope = "https://cognitiveservices.azure.com/.default";

    private readonly Lazy<IChatClient?> _client = new(() => Create(options.Value));

    public IChatClient? Client => options.Value.Enabled ? _client.Value : null;

    private static IChatClient? Create(AssistantOptions o)
    {
        if (!o.Enabled) return null;
        switch (o.Provider)
        {
            case AssistantProvider.OpenAI:
                var endpoint = string.IsNullOrWhiteSpace(o.Endpoint) ? null : new Uri(o.Endpoint);
                // Local servers (Ollama, LM Studio) need no key, but the client wants one.
                var key = new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "none" : o.ApiKey);
                return new OpenAIClient(key, new OpenAIClientOptions { Endpoint = endpoint }).GetChatClient(o.Model).AsIChatClient();
            case AssistantProvider.AzureOpenAI:
                // Azure OpenAI's v1 API speaks the OpenAI protocol at <account>/openai/v1 (infra/src/assistant.ts: key auth off).
                var policy = new BearerTokenPolicy(new DefaultAzureCredential(), AzureScope);
                var azure = new Uri(o.Endpoint!.TrimEnd('/') + "/openai/v1/");
                // The token-policy constructor is marked evaluation-only (OPENAI001); it is how the OpenAI client takes Entra tokens.
#pragma warning disable OPENAI001
                return new OpenAIClient(policy, new OpenAIClientOptions { Endpoint = azure }).GetChatClient(o.Model).AsIChatClient();
#pragma warning restore OPENAI001
            default:
                return null;
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value?.Dispose();
    }
}
