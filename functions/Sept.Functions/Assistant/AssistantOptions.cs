namespace Sept.Functions.Assistant;

/// <summary>Which provider answers the notebook assistant.</summary>
public enum AssistantProvider
{
    /// <summary>Off: the panel explains how to enable it.</summary>
    None,
    /// <summary>Any OpenAI-compatible endpoint (Ollama, LM Studio, a company gateway, api.openai.com) with an optional key.</summary>
    OpenAI,
    /// <summary>Azure OpenAI with the app's managed identity (infra/src/assistant.ts).</summary>
    AzureOpenAI,
}

/// <summary>Configuration section "Sept:Assistant" (README configuration table, docs/security.md).</summary>
public sealed class AssistantOptions
{
    public const string Section = "Sept:Assistant";

    public const string HowToEnable =
        "The assistant is off. Set Sept__Assistant__Provider=OpenAI, Sept__Assistant__Endpoint=http://localhost:11434/v1 " +
        "(any OpenAI-compatible endpoint: Ollama, LM Studio, a gateway) and Sept__Assistant__Model=<model>, plus " +
        "Sept__Assistant__ApiKey if the endpoint needs one; on Azure, Provider=AzureOpenAI uses the app's identity.";

    public AssistantProvider Provider { get; set; } = AssistantProvider.None;

    /// <summary>OpenAI: the base URL ending in /v1; AzureOpenAI: the account endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model (OpenAI) or deployment name (AzureOpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>OpenAI-compatible endpoints only; stays in the app (never sent to the browser, the kernel or the model).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How often a proposal that does not compile goes back to the model before it is shown as it is.</summary>
    public int MaxRepairRounds { get; set; } = 2;

    public int RequestsPerMinute { get; set; } = 10;

    public int MaxOutputTokens { get; set; } = 2000;

    /// <summary>The most characters of notebook context put into one request.</summary>
    public int ContextBudgetChars { get; set; } = 60_000;

    /// <summary>The most rows sample_rows returns.</summary>
    public int SampleRows { get; set; } = 20;

    /// <summary>The most model round trips (tool calls) in one answer: the token budget per request.</summary>
    public int MaxToolRounds { get; set; } = 12;

    public bool Enabled => Provider != AssistantProvider.None && !string.IsNullOrWhiteSpace(Model)
        && (Provider == AssistantProvider.AzureOpenAI ? !string.IsNullOrWhiteSpace(Endpoint) : true);
}
