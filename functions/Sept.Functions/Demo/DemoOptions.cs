namespace Sept.Functions.Demo;

/// <summary>Configuration section "Sept:Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Sept:Demo";

    /// <summary>Create the example project on the first start of a local install (Local sign-in mode only).</summary>
    public bool Enabled { get; set; } = true;
}
