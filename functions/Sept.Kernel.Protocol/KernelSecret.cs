namespace Sept.Kernel.Protocol;

/// <summary>The per-kernel secret: the host puts it in the kernel's environment, and sends it on every request as
/// <c>Authorization: Bearer &lt;secret&gt;</c> (docs/security.md).</summary>
public static class KernelSecret
{
    public const string Variable = "SEPT_KERNEL_SECRET";
}
