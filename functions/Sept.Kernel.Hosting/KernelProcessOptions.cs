namespace Sept.Kernel.Hosting;

/// <summary>How to start one kernel process.</summary>
public sealed class KernelProcessOptions
{
    /// <summary>Path to Sept.Kernel.dll. Default: the SEPT_KERNEL_DLL environment variable, else Sept.Kernel.dll next to the app.</summary>
    public string? KernelDllPath { get; set; }

    /// <summary>The dotnet host used to run the dll.</summary>
    public string DotnetPath { get; set; } = "dotnet";

    /// <summary>How long to wait for the kernel's ready line.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra kernel settings passed as --Kernel:Name=Value (see KernelOptions in Sept.Kernel), e.g. MaxOutputBytes.</summary>
    public IDictionary<string, string> KernelSettings { get; } = new Dictionary<string, string>();

    internal string ResolveDllPath()
    {
        var path = KernelDllPath ?? Environment.GetEnvironmentVariable("SEPT_KERNEL_DLL") ?? Path.Combine(AppContext.BaseDirectory, "Sept.Kernel.dll");
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"Kernel not found at {path}. Build functions/Sept.Kernel or set KernelDllPath / SEPT_KERNEL_DLL.", path);
    }
}
